// Import problems in plain words (pure; tested). The core reports a record
// that does not deserialise with serde's own message ("invalid type: string
// "99", expected f64"); a hiring manager reads "expected a number, found the
// text "99"". The original stays available as the technical detail.

/** serde's name of an expected type → what a person calls it. */
function expectedWords(raw: string): string {
  const e = raw.trim();
  if (/^f(32|64)$/.test(e) || e === "a number") return "a number";
  if (/^u(8|16|32|64|128|size)$/.test(e)) return "a whole number (0 or more)";
  if (/^i(8|16|32|64|128|size)$/.test(e)) return "a whole number";
  if (/^(a )?(borrowed )?string$/.test(e) || e === "a string or null") return "text";
  if (/^(a )?bool(ean)?$/.test(e)) return "true or false";
  if (/^(a )?(sequence|seq|tuple|list|vec)\b/.test(e) || /^an? (array|list)\b/.test(e)) return "a list";
  if (/^(a )?map$/.test(e) || /^struct \w+/.test(e) || /^(a )?JSON object$/.test(e)) return "an object (a group of named fields)";
  if (/^(a )?char(acter)?$/.test(e)) return "a single character";
  if (/^unit$/.test(e)) return "nothing (null)";
  if (/^(an )?option$/.test(e)) return "a value or null";
  if (/^enum \w+$/.test(e)) return "one of the allowed values";
  return e;
}

/** serde's description of what it found → plain words. */
function foundWords(raw: string): string {
  const f = raw.trim();
  let m: RegExpMatchArray | null;
  if ((m = f.match(/^string (".*")$/s))) return `the text ${m[1]}`;
  if ((m = f.match(/^(?:integer|floating point) `([^`]*)`$/))) return `the number ${m[1]}`;
  if ((m = f.match(/^boolean `([^`]*)`$/))) return `the value ${m[1]}`;
  if ((m = f.match(/^char `(.*)`$/))) return `the character ${m[1]}`;
  if (f === "null" || f === "unit value" || f === "unit") return "nothing (null)";
  if (f === "sequence") return "a list";
  if (f === "map") return "an object";
  if (f === "Option value") return "a value";
  if (f === "byte array") return "binary data";
  return f;
}

/** "`a`, `b` or `c`" from serde's "one of `a`, `b`, `c`" / "`a` or `b`". */
function allowedList(raw: string): string {
  const names = [...raw.matchAll(/`([^`]*)`/g)].map((m) => m[1]);
  if (names.length === 0) return raw.trim();
  if (names.length === 1) return names[0];
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

const RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^invalid type: (.+), expected (.+)$/s, (m) => `expected ${expectedWords(m[2])}, found ${foundWords(m[1])}`],
  [/^invalid value: (.+), expected (.+)$/s, (m) => `${capital(foundWords(m[1]))} is not allowed here: expected ${expectedWords(m[2])}`],
  [/^invalid length (\d+), expected (.+)$/s, (m) => `expected ${expectedWords(m[2])}, found ${m[1]} item${m[1] === "1" ? "" : "s"}`],
  [/^missing field `([^`]*)`$/, (m) => `a required field is missing: ${m[1]}`],
  [/^duplicate field `([^`]*)`$/, (m) => `the field ${m[1]} appears twice`],
  [/^unknown field `([^`]*)`, there are no fields$/, (m) => `unexpected field ${m[1]}: this part takes no fields`],
  [/^unknown field `([^`]*)`, expected (?:one of )?(.+)$/s, (m) => `unexpected field ${m[1]}: the fields allowed here are ${allowedList(m[2])}`],
  [/^unknown variant `([^`]*)`, there are no variants$/, (m) => `“${m[1]}” is not an allowed value here`],
  [/^unknown variant `([^`]*)`, expected (?:one of )?(.+)$/s, (m) => `“${m[1]}” is not one of the allowed values: ${allowedList(m[2])}`],
  [/^data did not match any variant of untagged enum (\w+)$/, () => "the value does not have any of the accepted shapes"],
];

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The message in plain words, or null when it is not one of serde's (it is
 * then shown as it is). A prefix such as "`media/a.mp4`: " is kept. */
export function plainProblem(message: string): string | null {
  const text = message.trim();
  // The core may name a location first: "`path`: <serde message>".
  const pre = text.match(/^(`[^`]*`: )(.*)$/s);
  const [prefix, body] = pre ? [pre[1], pre[2]] : ["", text];
  for (const [re, say] of RULES) {
    const m = body.match(re);
    if (m) return prefix + say(m);
  }
  return null;
}
