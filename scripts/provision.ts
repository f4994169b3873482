// `npm run provision`: fetch Node 24 and the VS Code server into .cache now, and unpack the browser,
// not on the first test run.
import { chosenBrowser } from './lib/browser';
import { provisionVsCodeServer } from './lib/provision';

provisionVsCodeServer();
void chosenBrowser();
