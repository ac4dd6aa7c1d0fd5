/** The metrics part of the operations module: its routes, jobs and commands. */
import type { OperationsPart } from '../shared-part.js';

export const metricsPart: OperationsPart = {};
