// `npm run provision`: fetch Node 24 and the VS Code server into .cache now, not on the first test run.
import { checkChromium, provisionVsCodeServer } from './lib/provision';

provisionVsCodeServer();
checkChromium();
