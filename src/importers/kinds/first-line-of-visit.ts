/**
 * The line each visit of a file was first read on, to report repeats. A weekly log of a large
 * customer base holds millions of visits, so Matomo's integer visit ids are kept in typed
 * arrays (an open-addressing table, 8 bytes a slot) rather than a Map (about 40 bytes an
 * entry); ids that are not such integers fall back to a Map of text keys.
 */
export class FirstLineOfVisit {
  private keys = new Int32Array(1 << 12);
  private lines = new Int32Array(1 << 12);
  private size = 0;
  private readonly sites = new Map<string, number>();
  private readonly byText = new Map<string, number>();

  get(site: string, visit: string): number | undefined {
    const key = this.keyOf(site, visit);
    if (key === undefined) return this.byText.get(`${site}:${visit}`);
    const slot = this.slotOf(key);

    return this.keys[slot] === key ? this.lines[slot] : undefined;
  }

  set(site: string, visit: string, line: number): void {
    const key = this.keyOf(site, visit);
    if (key === undefined) {
      this.byText.set(`${site}:${visit}`, line);
      return;
    }
    if ((this.size + 1) * 4 > this.keys.length * 3) this.grow();
    const slot = this.slotOf(key);
    if (this.keys[slot] !== key) this.size++;
    this.keys[slot] = key;
    this.lines[slot] = line;
  }

  /** Visit ids of the first few sites fold into one positive 31-bit key; 0 marks a free slot. */
  private keyOf(site: string, visit: string): number | undefined {
    if (!/^[1-9]\d{0,7}$/.test(visit)) return undefined;
    let index = this.sites.get(site);
    if (index === undefined) {
      if (this.sites.size >= 16) return undefined;
      index = this.sites.size;
      this.sites.set(site, index);
    }

    return index * 100_000_000 + Number(visit);
  }

  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;

    return slot;
  }

  private grow(): void {
    const { keys, lines } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.lines = new Int32Array(keys.length * 2);
    keys.forEach((key, i) => {
      if (key === 0) return;
      const slot = this.slotOf(key);
      this.keys[slot] = key;
      this.lines[slot] = lines[i] ?? 0;
    });
  }
}
