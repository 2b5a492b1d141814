import { useCallback, useEffect, useState } from "react";

/** Speeds a reader can pick; 1× shows about one frame a second. */
export const SPEEDS = [0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

/** Real milliseconds one frame stays on screen at 1×. */
export const FRAME_MS = 900;

export interface Playback {
  /** How many frames have played, from 0 to `total`. */
  cursor: number;
  playing: boolean;
  speed: Speed;
  play: () => void;
  pause: () => void;
  /** Moves `delta` frames and pauses. */
  step: (delta: number) => void;
  /** Jumps to a frame and pauses. */
  seek: (cursor: number) => void;
  setSpeed: (speed: Speed) => void;
}

/** Whether the reader asked for less motion. */
export function prefersReducedMotion(): boolean {
  if (typeof window === "undefined" || typeof window.matchMedia !== "function") return false;
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/**
 * Plays `total` frames one after another. The first render shows the last
 * frame, paused, as the server did; once mounted, and whenever `key` names
 * a new race, it plays from the start, unless the reader prefers reduced
 * motion: then it stays on the whole race until they press play.
 */
export function usePlayback(total: number, key: string): Playback {
  const [cursor, setCursor] = useState(total);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(1);

  useEffect(
    function startEachRace() {
      if (prefersReducedMotion()) {
        setCursor(total);
        setPlaying(false);
        return;
      }
      setCursor(0);
      setPlaying(total > 0);
    },
    [key, total],
  );

  useEffect(
    function advanceWhilePlaying() {
      if (!playing) return;
      if (cursor >= total) {
        setPlaying(false);
        return;
      }
      const timer = setTimeout(() => setCursor(cursor + 1), FRAME_MS / speed);
      return () => clearTimeout(timer);
    },
    [playing, cursor, total, speed],
  );

  const clamp = useCallback((value: number) => Math.min(total, Math.max(0, value)), [total]);

  return {
    cursor: Math.min(cursor, total),
    playing,
    speed,
    play: () => {
      if (cursor >= total) setCursor(0);
      setPlaying(true);
    },
    pause: () => setPlaying(false),
    step: (delta) => {
      setPlaying(false);
      setCursor((current) => clamp(current + delta));
    },
    seek: (next) => {
      setPlaying(false);
      setCursor(clamp(next));
    },
    setSpeed,
  };
}
