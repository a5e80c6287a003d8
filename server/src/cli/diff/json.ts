/** `callflow diff --format json`: every compared file with its diff (versioned by `version`). */
import { FLOW_DIFF_VERSION } from '../../service';
import type { DiffRenderer } from './report';

export const json: DiffRenderer = (files) =>
  JSON.stringify(
    {
      version: FLOW_DIFF_VERSION,
      files: files.map((f) => ({
        file: f.file,
        status: f.status,
        old: f.oldLabel,
        new: f.newLabel,
        ...f.diff,
        version: undefined,
      })),
    },
    null,
    2,
  ) + '\n';
