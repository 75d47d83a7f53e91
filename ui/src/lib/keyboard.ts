// Keyboard-first triage (F18): one map from keys to actions, shown verbatim
// in the ? overlay.

export type Action =
  | "next"
  | "prev"
  | "open"
  | "back"
  | "shortlist"
  | "dismiss"
  | "undo"
  | "playPause"
  | "search"
  | "help"
  | "toggleSelect"
  | "skipBack"
  | "skipForward"
  | "fullscreen"
  | "mute"
  | "captions";

export interface Binding {
  keys: string[];
  action: Action;
  label: string;
}

export const BINDINGS: Binding[] = [
  { keys: ["j", "ArrowDown"], action: "next", label: "Next candidate" },
  { keys: ["k", "ArrowUp"], action: "prev", label: "Previous candidate" },
  { keys: ["Enter", "o"], action: "open", label: "Open profile" },
  { keys: ["Escape"], action: "back", label: "Back / close" },
  { keys: ["s"], action: "shortlist", label: "Shortlist" },
  { keys: ["d"], action: "dismiss", label: "Dismiss" },
  { keys: ["u"], action: "undo", label: "Undo last decision" },
  { keys: [" "], action: "playPause", label: "Play / pause recording" },
  { keys: ["x"], action: "toggleSelect", label: "Select / unselect row" },
  { keys: ["ArrowLeft"], action: "skipBack", label: "Back 10 s" },
  { keys: ["ArrowRight"], action: "skipForward", label: "Forward 10 s" },
  { keys: ["f"], action: "fullscreen", label: "Recording full screen" },
  { keys: ["m"], action: "mute", label: "Mute / unmute" },
  { keys: ["c"], action: "captions", label: "Captions on / off" },
  { keys: ["/"], action: "search", label: "Search (in a transcript: find)" },
  { keys: ["?"], action: "help", label: "Keyboard shortcuts" },
];

const byKey = new Map<string, Action>();
for (const b of BINDINGS) for (const k of b.keys) byKey.set(k, b.action);

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: EventTarget | null;
}

/** Whether the event comes from a place where keys type text. */
export function isTyping(target: EventTarget | null | undefined): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el !== "object" || !("tagName" in el)) return false;
  const tag = String(el.tagName).toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = ((el as HTMLInputElement).type || "text").toLowerCase();
    return !["checkbox", "radio", "button", "range", "submit"].includes(type);
  }
  return Boolean(el.isContentEditable);
}

/** The action for a key event, or null (modifiers and typing pass through). */
export function actionFor(e: KeyLike): Action | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTyping(e.target)) return e.key === "Escape" ? "back" : null;
  const key = e.key.length === 1 ? e.key : e.key;
  // Space on a button activates the button, not playback.
  if (key === " ") {
    const el = e.target as HTMLElement | null;
    const tag = el && "tagName" in el ? String(el.tagName).toUpperCase() : "";
    if (tag === "BUTTON" || tag === "A" || tag === "SUMMARY") return null;
  }
  return byKey.get(key) ?? byKey.get(key.toLowerCase() === key ? key : "") ?? null;
}

export function keyLabel(k: string): string {
  switch (k) {
    case " ":
      return "Space";
    case "ArrowDown":
      return "↓";
    case "ArrowUp":
      return "↑";
    case "ArrowLeft":
      return "←";
    case "ArrowRight":
      return "→";
    case "Escape":
      return "Esc";
    default:
      return k;
  }
}
