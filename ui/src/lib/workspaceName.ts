// What the workspace menu calls a workspace (pure; tested): its folder's
// name, not the whole path (the path is in the tooltip). The first-run demo
// reads "Demo workspace"; a folder with a generated temporary name
// (".tmpA1b2C3", "tmp.Xy12ab") reads "Temporary workspace".

/** The last component of a POSIX or Windows path ("" for a root). */
export function lastComponent(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts.length ? parts[parts.length - 1] : "";
}

/** A name made up by mktemp / tempfile rather than by a person. */
export function isGeneratedTempName(name: string): boolean {
  return /^\.?tmp[._-]?[A-Za-z0-9_]{5,}$/.test(name) && /\d|[A-Z].*[a-z]|[a-z].*[A-Z]/.test(name.replace(/^\.?tmp/, ""));
}

export function workspaceLabel(path: string, opts: { name?: string; demo?: boolean } = {}): string {
  if (opts.demo) return "Demo workspace";
  const last = lastComponent(path) || opts.name || path;
  if (isGeneratedTempName(last)) return "Temporary workspace";
  return last;
}
