/**
 * The key-rotation part of the operations module: `madoguchi keys status` and `madoguchi keys rotate`
 * over the registry of encrypted values (src/platform/encrypted-fields.ts).
 */
import type { OperationsPart } from '../shared-part.js';
import { keyRotationCommands } from './keys.cli.js';

export const keyRotationPart: OperationsPart = { commands: keyRotationCommands };
