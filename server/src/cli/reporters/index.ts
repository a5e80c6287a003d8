/** The report formats of `callflow check`: one table, one file per format. */
import { github } from './github';
import { gitlab } from './gitlab';
import { json } from './json';
import { junit } from './junit';
import type { Reporter } from './report';
import { sarif } from './sarif';
import { stylish } from './stylish';

export const REPORTERS: Readonly<Record<string, Reporter>> = { stylish, json, sarif, junit, github, gitlab };

export const REPORT_FORMATS = Object.keys(REPORTERS);
