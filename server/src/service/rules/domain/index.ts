/** The domain rules: what trainers check beyond the schema and the flow (see the README's rule reference). */
import type { Rule } from '../engine';

export const DOMAIN_RULES: readonly Rule[] = [];
