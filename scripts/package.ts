// `npm run package`: the .vsix, and its size.
import { packageVsix, vsixContents } from './lib/packageVsix';
import { vsixPath } from './lib/paths';

packageVsix();
const { bytes, files } = vsixContents();
console.log(`${vsixPath}: ${(bytes / 1024).toFixed(1)} KiB, ${files} files.`);
