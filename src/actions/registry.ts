import type { ActionDef } from "./action.ts";

export class ActionRegistry {
  private readonly byWord = new Map<string, ActionDef>();
  private readonly defs: ActionDef[] = [];

  constructor(defs: ActionDef[]) {
    for (const d of defs) this.add(d);
  }

  private add(def: ActionDef): void {
    for (const word of [def.command, ...def.aliases]) {
      const k = word.toLowerCase();
      if (this.byWord.has(k)) throw new Error(`action word "${word}" is used twice`);
      this.byWord.set(k, def);
    }
    this.defs.push(def);
  }

  lookup(word: string): ActionDef | undefined {
    return this.byWord.get(word.toLowerCase());
  }

  /** The action whose glued prefix starts `word` (longest first), and the rest of the word. */
  lookupGlued(word: string): { action: ActionDef; rest: string } | undefined {
    let best: { action: ActionDef; rest: string; len: number } | undefined;
    for (const def of this.defs) {
      for (const p of def.gluedPrefixes ?? []) {
        if (word.startsWith(p) && word.length > p.length && p.length > (best?.len ?? 0)) best = { action: def, rest: word.slice(p.length), len: p.length };
      }
    }
    return best && { action: best.action, rest: best.rest };
  }

  /** Every Chinese command word and alias an argument may be glued to (转化周八), longest
   * first, with its action. English words are left out: "scorecard" is no 评分. */
  gluedWords(word: string): Array<{ action: ActionDef; rest: string }> {
    const hits: Array<{ action: ActionDef; rest: string; len: number }> = [];
    for (const [w, def] of this.byWord) {
      if (/\p{Script=Han}/u.test(w) && w.length >= 2 && word.length > w.length && word.toLowerCase().startsWith(w)) {
        hits.push({ action: def, rest: word.slice(w.length), len: w.length });
      }
    }
    return hits.sort((a, b) => b.len - a.len).map(({ action, rest }) => ({ action, rest }));
  }

  byName(name: string): ActionDef | undefined {
    return this.defs.find((d) => d.name === name);
  }

  list(): readonly ActionDef[] {
    return this.defs;
  }
}
