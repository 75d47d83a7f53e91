// Copy text to the clipboard; false when the webview refuses (the caller
// then says so, and the text stays selectable).
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A `mailto:` link for an address (only a plausible address gets one). */
export function mailto(email: string | null | undefined): string | null {
  const e = (email ?? "").trim();
  if (!/^[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()"]+$/.test(e)) return null;
  return `mailto:${encodeURIComponent(e).replace(/%40/g, "@")}`;
}

/** An http(s) URL, or null (never a `javascript:` or file link). */
export function webUrl(url: string | null | undefined): string | null {
  try {
    const u = new URL((url ?? "").trim());
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}
