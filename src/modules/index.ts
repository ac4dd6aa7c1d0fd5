/** Feature modules, in order. Each plugs routes, jobs and demo data into the platform. */
import type { Module } from '../platform/module.js';

export const modules: Module[] = [];
