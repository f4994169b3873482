// `npm run package`: the .vsix, and its size.
import { packageVsix } from './lib/packageVsix';
import { vsixPath } from './lib/paths';

const { bytes, files } = packageVsix();
console.log(`${vsixPath}: ${(bytes / 1024).toFixed(1)} KiB, ${files} files.`);
