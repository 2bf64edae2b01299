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

  byName(name: string): ActionDef | undefined {
    return this.defs.find((d) => d.name === name);
  }

  list(): readonly ActionDef[] {
    return this.defs;
  }
}
