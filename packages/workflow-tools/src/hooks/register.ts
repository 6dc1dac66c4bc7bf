// `node --import ./packages/workflow-tools/src/hooks/register.ts <script.ts>`: runs this repository's TypeScript on
// Node 24 directly (type stripping), with the two things plain Node lacks; see typescript-sources.ts.
import { register } from 'node:module';

register('./typescript-sources.ts', import.meta.url);
