import { describe, expect, it } from "vitest";
import { encryptionLabel, needsPassphrase, unlockHint } from "./encryption";

describe("encryption", () => {
  it("asks for the passphrase on passphrase_required and wrong_passphrase only", () => {
    expect(needsPassphrase({ code: "passphrase_required" })).toBe(true);
    expect(needsPassphrase({ code: "wrong_passphrase" })).toBe(true);
    expect(needsPassphrase({ code: "workspace_corrupt" })).toBe(false);
    expect(needsPassphrase(null)).toBe(false);
  });
  it("says a wrong passphrase plainly", () => {
    expect(unlockHint({ code: "wrong_passphrase", message: "x" })).toMatch(/^Wrong passphrase/);
    expect(unlockHint({ code: "io", message: "disk full" })).toBe("disk full");
    expect(unlockHint(null)).toBeNull();
  });
  it("labels the status", () => {
    expect(encryptionLabel({ encrypted: false, key_store: null })?.text).toBe("Not encrypted");
    expect(encryptionLabel({ encrypted: true, key_store: "keychain" })?.text).toContain("keychain");
    expect(encryptionLabel({ encrypted: true, key_store: "passphrase" })?.text).toContain("passphrase");
    expect(encryptionLabel(null)).toBeNull();
  });
});
