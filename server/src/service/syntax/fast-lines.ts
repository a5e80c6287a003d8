/**
 * The lines of a text as the fast reader walks them: where each starts and ends, how far its content is
 * indented, and which lines are blank or hold only a comment. Measured once, up front.
 */
export class Lines {
  /** Where each line starts, and a last empty line after a final line break (not one of the n). */
  protected readonly starts: Int32Array;
  /** The number of lines (a final line break does not start one of its own here). */
  protected readonly n: number;
  /** Where the last line's content ends (before a final line break). */
  private readonly last: number;
  /** Leading spaces of each line; -1 for blank and comment-only lines. */
  private readonly indents: Int32Array;
  /** Leading spaces of each comment-only line; -1 for every other line. */
  protected readonly comments: Int32Array;

  constructor(protected readonly text: string) {
    let breaks = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks++;
    this.starts = new Int32Array(breaks + 1);
    for (let i = text.indexOf('\n'), k = 1; i >= 0; i = text.indexOf('\n', i + 1)) this.starts[k++] = i + 1;
    this.n = this.starts.length;
    this.last = text.length;
    if (text.length > 0 && this.starts[this.n - 1] === text.length) {
      this.n--;
      this.last = text.length - 1;
    }
    this.indents = new Int32Array(this.n);
    this.comments = new Int32Array(this.n).fill(-1);
    for (let line = 0; line < this.n; line++) {
      const start = this.starts[line];
      const end = this.lineEnd(line);
      let i = start;
      while (i < end && text.charCodeAt(i) === 32) i++;
      const comment = i < end && text.charCodeAt(i) === 35;
      this.indents[line] = i === end || comment ? -1 : i - start;
      if (comment) this.comments[line] = i - start;
    }
  }

  /** Where a line's content ends (before its line break). */
  protected lineEnd(line: number): number {
    return line + 1 < this.n ? this.starts[line + 1] - 1 : this.last;
  }

  /** Leading spaces of a line; -1 for a blank or comment-only line. */
  protected indentOf(line: number): number {
    return this.indents[line];
  }

  /** The first line from `line` on with content (not blank, not only a comment); n if none. */
  protected nextContent(line: number): number {
    while (line < this.n && this.indentOf(line) < 0) line++;
    return line;
  }

  /** Leading spaces of a line (of a blank one too). */
  protected spacesAt(line: number): number {
    const start = this.starts[line];
    const end = this.lineEnd(line);
    let i = start;
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    return i - start;
  }

  /** True for a line of spaces only. */
  protected isBlankLine(line: number): boolean {
    return this.spacesAt(line) === this.lineEnd(line) - this.starts[line];
  }
}
