import { describe, expect, it } from "vitest";
import { escapeCueText, MAX_CUE_SECONDS, transcriptToVtt, vttTime } from "./captions";

const line = (timestamp: number, text: string, speaker = "Candidate") => ({ timestamp, text, speaker });

/** Cue blocks of a VTT document: [timing, text] pairs. */
function cues(vtt: string): [string, string][] {
  const blocks = vtt.split("\n\n").slice(1).filter((b) => b.trim());
  return blocks.map((b) => {
    const ls = b.replace(/\n+$/, "").split("\n");
    return [ls[1], ls.slice(2).join("\n")];
  });
}

describe("vttTime", () => {
  it("writes hh:mm:ss.ttt", () => {
    expect(vttTime(0)).toBe("00:00:00.000");
    expect(vttTime(61.5)).toBe("00:01:01.500");
    expect(vttTime(3723.0456)).toBe("01:02:03.046");
    expect(vttTime(-3)).toBe("00:00:00.000");
    expect(vttTime(Number.NaN)).toBe("00:00:00.000");
  });
  it("rounds to the millisecond without writing 1000", () => {
    expect(vttTime(1.9996)).toBe("00:00:02.000");
  });
});

describe("escapeCueText", () => {
  it("escapes what would end a cue or open a tag", () => {
    expect(escapeCueText("a --> b")).toBe("a --&gt; b");
    expect(escapeCueText("<b>x</b> & <c.y>")).toBe("&lt;b&gt;x&lt;/b&gt; &amp; &lt;c.y&gt;");
    expect(escapeCueText("&amp;")).toBe("&amp;amp;");
  });
  it("keeps line breaks, removes blank lines and controls", () => {
    expect(escapeCueText("one\r\n\r\n  two \n\n\nthree\u0007")).toBe("one\ntwo\nthree");
  });
});

describe("transcriptToVtt", () => {
  it("starts with the WEBVTT header and numbers cues", () => {
    const vtt = transcriptToVtt([line(0, "Hello"), line(2.5, "Hi", "Interviewer")]);
    expect(vtt.startsWith("WEBVTT\n\n1\n")).toBe(true);
    expect(cues(vtt)).toEqual([
      ["00:00:00.000 --> 00:00:02.500", "Candidate: Hello"],
      ["00:00:02.500 --> 00:00:10.500", "Interviewer: Hi"],
    ]);
  });
  it("a cue never lasts longer than the maximum, nor past the recording", () => {
    const vtt = transcriptToVtt([line(0, "a"), line(30, "b")], { duration: 33 });
    expect(cues(vtt).map((c) => c[0])).toEqual([
      `00:00:00.000 --> 00:00:0${MAX_CUE_SECONDS}.000`,
      "00:00:30.000 --> 00:00:33.000",
    ]);
  });
  it("drops lines after the end of the recording and empty lines", () => {
    const vtt = transcriptToVtt([line(1, "   "), line(2, "kept"), line(50, "late")], { duration: 40 });
    expect(cues(vtt).map((c) => c[1])).toEqual(["Candidate: kept"]);
  });
  it("sorts by time and keeps candidate text from breaking the format", () => {
    const vtt = transcriptToVtt([line(5, "second"), line(1, "I said -->\n\nthen <i>this</i> & that")]);
    const cs = cues(vtt);
    expect(cs[0][1]).toBe("Candidate: I said --&gt;\nthen &lt;i&gt;this&lt;/i&gt; &amp; that");
    expect(cs[1][1]).toBe("Candidate: second");
    // exactly one arrow per cue timing line, none in text
    expect(vtt.split("-->").length - 1).toBe(2);
  });
  it("escapes speaker names and lets the caller hide or rename them", () => {
    const evil = transcriptToVtt([line(0, "x", "A <b>&</b>")]);
    expect(cues(evil)[0][1]).toBe("A &lt;b&gt;&amp;&lt;/b&gt;: x");
    const blind = transcriptToVtt([line(0, "I am Jane Doe", "Jane Doe")], {
      speaker: () => "Candidate",
      text: (l) => l.text.replace("Jane Doe", "[name]"),
    });
    expect(cues(blind)[0][1]).toBe("Candidate: I am [name]");
    const none = transcriptToVtt([line(0, "x")], { speaker: () => null });
    expect(cues(none)[0][1]).toBe("x");
  });
  it("lines at the same moment both show", () => {
    const cs = cues(transcriptToVtt([line(3, "a"), line(3, "b"), line(4, "c")]));
    expect(cs.map((c) => c[0])).toEqual([
      "00:00:03.000 --> 00:00:04.000",
      "00:00:03.000 --> 00:00:04.000",
      "00:00:04.000 --> 00:00:12.000",
    ]);
  });
  it("an empty transcript is a valid empty document", () => {
    expect(transcriptToVtt([])).toBe("WEBVTT\n");
  });
});

describe("captionSource", () => {
  it("redacts like the transcript tab in blind review, and not otherwise", async () => {
    const { captionSource } = await import("./captions");
    const { redact } = await import("./blind");
    const lines = [line(0, "Hi, I am Jane Doe, jane@x.org", "Jane Doe"), line(3, "Welcome Jane", "Interviewer")];
    const who = { name: "Jane Doe", email: "jane@x.org" };
    const open = captionSource(lines, who, false, redact);
    expect(cues(transcriptToVtt(open.lines, open.opts))[0][1]).toContain("Jane Doe: Hi, I am Jane Doe");
    const blind = captionSource(lines, who, true, redact);
    const vtt = transcriptToVtt(blind.lines, blind.opts);
    expect(vtt).not.toMatch(/Jane|jane@x\.org/);
    expect(cues(vtt)[0][1].startsWith("Candidate: ")).toBe(true);
    expect(cues(vtt)[1][1].startsWith("Interviewer: ")).toBe(true);
  });
});
