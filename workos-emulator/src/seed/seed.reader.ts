/** A JSON object as read from a seed file. */
export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Typed reads of seed fields that collect every problem instead of stopping at the first, so one start-up error
 * lists all of them. `where` names the object (`users[2]`) in each message.
 */
export class SeedReader {
  readonly problems: string[] = [];

  problem(message: string): void {
    this.problems.push(message);
  }

  str(o: Obj, key: string, where: string): string {
    const v = o[key];
    if (typeof v !== 'string' || v.length === 0)
      this.problem(`${where}.${key} must be a non-empty string`);
    return typeof v === 'string' ? v : '';
  }

  optStr(o: Obj, key: string, where: string): string | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') this.problem(`${where}.${key} must be a string or null`);
    return typeof v === 'string' ? v : null;
  }

  strList(o: Obj, key: string, where: string, required: boolean): string[] {
    const v = o[key];
    if (v === undefined && !required) return [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      this.problem(`${where}.${key} must be an array of strings`);
      return [];
    }
    return [...v];
  }

  /** A string-to-string map (metadata); `{}` when absent. */
  strMap(o: Obj, key: string, where: string): Record<string, string> {
    const v = o[key];
    if (v === undefined) return {};
    if (!isObj(v) || !Object.values(v).every((x) => typeof x === 'string')) {
      this.problem(`${where}.${key} must be an object of strings`);
      return {};
    }
    return { ...(v as Record<string, string>) };
  }

  /** An optional ISO 8601 date, normalised; undefined when absent or invalid (reported). */
  date(o: Obj, key: string, where: string): string | undefined {
    const v = this.optStr(o, key, where);
    if (v === null) return undefined;
    if (Number.isNaN(Date.parse(v))) {
      this.problem(`${where}.${key} must be an ISO 8601 date`);
      return undefined;
    }
    return new Date(v).toISOString();
  }

  /** The objects of an array field (`required`: a missing field is a problem, else `[]`). */
  list(o: Obj, key: string, required = true): Obj[] {
    const v = o[key];
    if (v === undefined && !required) return [];
    if (!Array.isArray(v)) {
      this.problem(`${key} must be an array`);
      return [];
    }
    return v.map((item, i) => {
      if (!isObj(item)) this.problem(`${key}[${i}] must be an object`);
      return isObj(item) ? item : {};
    });
  }

  unique(kind: string, values: string[]): void {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) this.problem(`duplicate ${kind} "${v}"`);
      seen.add(v);
    }
  }
}
