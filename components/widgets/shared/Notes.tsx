import "./widgets.css";

export interface NotesProps {
  /** What was adjusted and why, one sentence each. */
  notes: readonly string[];
  onDismiss: () => void;
}

/**
 * The visible notes a widget shows when it adjusted values it was given: a
 * link's or a snippet's value that was out of range or not a number. A
 * link's notes only appear once the widget has hydrated (the static page
 * cannot read the address), so they float over the controls from a box of
 * no height instead of pushing the widget and the lesson down.
 */
export function Notes({ notes, onDismiss }: NotesProps) {
  return (
    <div className="widget-notes-anchor">
      <NoteList notes={notes} onDismiss={onDismiss} />
    </div>
  );
}

function NoteList({ notes, onDismiss }: NotesProps) {
  return (
    <div className="widget-notes" role="status">
      {notes.length > 0 ? (
        <>
          <ul>
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
          <button type="button" className="widget-button" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      ) : null}
    </div>
  );
}
