/**
 * The formats of `callflow graph`: one table. Adding a format is one entry here and
 * one file.
 */
import type { FlowGraph } from '../../shared/graph';
import type { GraphRenderer } from './common';
import { dot } from './dot';
import { mermaid } from './mermaid';
import { svg } from './svg';

const json: GraphRenderer = (graph: FlowGraph, file: string) => {
  const { uri: _uri, ...rest } = graph;
  return JSON.stringify({ version: 1, file, ...rest }, null, 2) + '\n';
};

export const GRAPH_FORMATS: Readonly<Record<string, GraphRenderer>> = { mermaid, dot, json, svg };
