// The 查 benchmark's query mix, as reps type them: a brand inside a company name (腾达),
// a whole name, pinyin initials, a mobile's last four digits or all of it, a contact's
// name, a typo, a miss, and (for reps and managers) someone else's customer.
import { initialsOf } from "../../src/util/pinyin.ts";
import { picker, type SampleCustomer } from "./crm-data.ts";

export const QUERY_KINDS = ["name part", "full name", "initials", "phone suffix", "full phone", "contact", "typo", "miss", "not theirs"] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface BenchQuery {
  kind: QueryKind;
  text: string;
}

const WEIGHTS: Record<QueryKind, number> = {
  "name part": 25,
  "full name": 10,
  initials: 15,
  "phone suffix": 10,
  "full phone": 5,
  contact: 10,
  typo: 10,
  miss: 10,
  "not theirs": 5,
};

/** Characters no generated name uses: misses stay misses. */
const ABSENT = [..."米东拼多京乐视蔚来理想小红书美团滴"];
const WRONG = [..."大达发华花化新欣心"];

function typo(c: SampleCustomer, rand: () => number): string {
  const word = [...`${c.brand}${c.industry}`];
  const i = Math.floor(rand() * word.length);
  if (rand() < 0.5) word.splice(i, 1); // a character missing
  else word[i] = WRONG[Math.floor(rand() * WRONG.length)]!; // a wrong one
  return word.join("");
}

function one(kind: QueryKind, c: SampleCustomer, rand: () => number): string {
  const pick = picker(rand);
  switch (kind) {
    case "name part":
    case "not theirs":
      return rand() < 0.6 ? c.brand : `${c.brand}${c.industry}`;
    case "full name":
      return c.name;
    case "initials":
      return rand() < 0.5 ? initialsOf(c.brand) : initialsOf(`${c.city}${c.brand}`);
    case "phone suffix":
      return pick(c.contacts).phone.slice(-4);
    case "full phone":
      return pick(c.contacts).phone;
    case "contact":
      return pick(c.contacts).name;
    case "typo":
      return typo(c, rand);
    case "miss":
      return `${pick(ABSENT)}${pick(ABSENT)}${rand() < 0.5 ? pick(ABSENT) : ""}`;
  }
}

/** `n` queries about customers the actor may see (`visible`), except "not theirs". */
export function queryMix(sample: SampleCustomer[], visible: (ownerId: string | null) => boolean, n: number, rand: () => number, admin: boolean): BenchQuery[] {
  const mine = sample.filter((c) => visible(c.ownerId));
  const others = sample.filter((c) => !visible(c.ownerId));
  const kinds = QUERY_KINDS.filter((k) => !(admin && k === "not theirs"));
  const total = kinds.reduce((s, k) => s + WEIGHTS[k], 0);
  const out: BenchQuery[] = [];
  for (let i = 0; i < n; i++) {
    let r = rand() * total;
    const kind = kinds.find((k) => (r -= WEIGHTS[k]) < 0) ?? "miss";
    const from = kind === "not theirs" ? others : mine;
    const c = from[Math.floor(rand() * from.length)];
    out.push(c ? { kind, text: one(kind, c, rand) } : { kind: "miss", text: one("miss", sample[0]!, rand) });
  }
  return out;
}
