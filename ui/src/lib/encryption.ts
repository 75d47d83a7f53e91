// Encryption at rest (SPEC F54) as the UI words it: which errors ask for the
// passphrase, and how the workspace's state reads in Settings.
import type { AppError } from "./ipc";
import type { EncryptionStatus } from "./gen/EncryptionStatus";

/** Whether an open failure is answered by asking for the passphrase. */
export function needsPassphrase(e: Pick<AppError, "code"> | null | undefined): boolean {
  return e?.code === "passphrase_required" || e?.code === "wrong_passphrase";
}

/** The line under the passphrase field after an attempt. */
export function unlockHint(e: Pick<AppError, "code" | "message"> | null): string | null {
  if (!e) return null;
  if (e.code === "wrong_passphrase") return "Wrong passphrase. Nothing was changed; try again.";
  if (e.code === "passphrase_required") return "Enter the workspace's passphrase.";
  return e.message;
}

/** How Settings describes the workspace's encryption. */
export function encryptionLabel(s: EncryptionStatus | null): { text: string; tone: "good" | "muted" } | null {
  if (!s) return null;
  if (!s.encrypted) return { text: "Not encrypted", tone: "muted" };
  return {
    text: s.key_store === "keychain" ? "Encrypted · key in the OS keychain" : "Encrypted · unlocked with a passphrase",
    tone: "good",
  };
}
