/** A progress line on stderr (count and bar), only on a TTY and only when there are many files. */

/** Returns a progress callback, or undefined when progress should stay silent. */
export function progressBar(
  stream: NodeJS.WriteStream,
): { update: (done: number, total: number) => void; clear: () => void } | undefined {
  if (!stream.isTTY) return undefined;
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      if (total < 20) return;
      const now = Date.now();
      if (done < total && now - last < 50) return;
      last = now;
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(
        `\r\u001b[2KChecking ${done}/${total} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`,
      );
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
