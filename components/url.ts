/**
 * Prefixes a site path with the configured base, so links work when the
 * site is hosted under a sub-path ("/guide/lessons/x/", not "/lessons/x/").
 */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/+$/, "");
  const rest = path.replace(/^\/+/, "");
  return `${base}/${rest}`;
}

/** The lesson's URL slug: its file id without the ordering number. */
export function lessonSlugFromId(id: string): string {
  return id.replace(/^\d+-/, "");
}

/** The ordering number a lesson file name starts with ("03-..." → 3). */
export function lessonNumberFromId(id: string): number {
  const match = /^(\d+)-/.exec(id);
  return match ? Number(match[1]) : Number.POSITIVE_INFINITY;
}
