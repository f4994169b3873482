// The people, places and machines the generated activity is about: a plausible small company
// with staff, service accounts, client logins, a folder tree and a few webhook listeners.
import { STORY_ANCHOR } from './dates';

export type Role = 'admin' | 'staff' | 'service' | 'client';
export type Protocol = 'web' | 'ftp' | 'sftp';

export interface UserProfile {
  name: string;
  role: Role;
  /** How often this user starts a session, relative to the others. */
  weight: number;
  ipAddresses: readonly string[];
  protocols: readonly Protocol[];
  /** Indexes into `Vocabulary.folders`: where this user works. */
  folders: readonly number[];
}

export interface FolderProfile {
  path: string;
  /** File name patterns; `{n}` becomes a number, so a folder holds many distinct but repeating files. */
  files: readonly string[];
}

export interface ListenerAnswer {
  status: number;
  response: string;
}

export interface EndpointProfile {
  url: string;
  webhookId: number;
  format: 'v2' | 'v1' | 'legacy';
  /** The folder the webhook watches; events below it are sent. */
  watches: string;
  events: readonly string[];
  ok: ListenerAnswer;
}

export interface Vocabulary {
  users: readonly UserProfile[];
  folders: readonly FolderProfile[];
  /** The name of file `n` of a folder. */
  fileName(folder: number, n: number): string;
  /** Where failed-login bursts come from, and the names they try. */
  attackerIps: readonly string[];
  guessedUsernames: readonly string[];
  endpoints: readonly EndpointProfile[];
  /** What the failing listener answered during its outage: HTTP errors, or curl errors when nothing answered. */
  outageAnswers: readonly ListenerAnswer[];
  /** Occasional failures of any listener. */
  strayFailures: readonly ListenerAnswer[];
}

const ALL_EVENTS = ['resources.upload', 'resources.download', 'resources.delete', 'resources.createFolder', 'resources.rename',
  'resources.move', 'resources.copy', 'resources.compress', 'resources.extract', 'shares.formSubmit'] as const;

const NGINX_502 = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n';

/** The realistic vocabulary; folder names follow the year and quarter of the story anchor, whatever the date. */
export function companyVocabulary(): Vocabulary {
  const anchor = new Date(STORY_ANCHOR);
  const year = anchor.getUTCFullYear();
  const quarter = Math.floor(anchor.getUTCMonth() / 3) + 1;
  const previousQuarter = quarter === 1 ? `${year - 1}/Q4` : `${year}/Q${quarter - 1}`;
  const folders: FolderProfile[] = [
    { path: `/Finance/${year}/Q${quarter}/Invoices`, files: ['Invoice-INV-{n}.pdf', 'Receipt {n}.pdf', 'Vendor statement {n}.pdf'] },
    { path: `/Finance/${year}/Q${quarter}`, files: [`Budget ${year} Q${quarter} v{n}.xlsx`, `Forecast Q${quarter} rev{n}.xlsx`, `Board deck Q${quarter} draft {n}.pptx`, 'Cash flow {n}.csv'] },
    { path: `/Finance/${previousQuarter}`, files: ['Close checklist {n}.xlsx', 'Reconciliation {n}.xlsx', 'Audit request {n}.pdf'] },
    { path: '/Finance/Payroll', files: ['Payroll export {n}.csv', 'Timesheets week {n}.xlsx'] },
    { path: '/Marketing/Assets/Logos', files: ['logo-{n}.svg', 'logo-{n}@2x.png', 'favicon-{n}.ico'] },
    { path: '/Marketing/Assets/Photos', files: ['IMG_{n}.JPG', 'DSC0{n}.jpg', 'Team offsite {n}.heic'] },
    { path: '/Marketing/Assets/Video', files: ['Product teaser v{n}.mp4', 'Webinar recording {n}.mov'] },
    { path: '/Marketing/Campaigns/Spring Launch', files: ['banner-{n}x250.png', 'Press release draft {n}.docx', 'Landing page copy v{n}.docx'] },
    { path: '/Engineering/builds/release-4.2', files: ['app-4.2.{n}-linux-x64.tar.gz', 'app-4.2.{n}-win-x64.msi', 'app-4.2.{n}-macos-arm64.dmg', 'checksums-4.2.{n}.sha256'] },
    { path: '/Engineering/builds/nightly', files: ['app-nightly-{n}.tar.gz', 'test-report-{n}.html'] },
    { path: '/Engineering/docs', files: ['Architecture overview v{n}.pdf', 'openapi-{n}.yaml', 'Runbook {n}.md'] },
    { path: '/Engineering/logs', files: ['api-server-{n}.log.gz', 'worker-{n}.log.gz'] },
    { path: '/Clients/Acme/Contracts', files: [`Acme MSA ${year} rev{n}.pdf`, 'SOW-{n}.pdf', 'NDA {n} signed.pdf'] },
    { path: '/Clients/Acme/Deliverables', files: ['Acme weekly report {n}.pdf', 'Acme data export {n}.zip'] },
    { path: '/Clients/Acme/Inbox', files: ['upload-{n}.csv', 'scan_{n}.pdf', 'orders-{n}.xml'] },
    { path: '/Clients/Globex/Deliverables', files: ['Globex survey results {n}.xlsx', 'Globex campaign assets {n}.zip'] },
    { path: '/Clients/Globex/Inbox', files: ['brief-{n}.docx', 'feedback {n}.pdf'] },
    { path: '/Clients/Initech/EDI', files: ['INV{n}.edi', 'PO{n}.edi', 'ACK{n}.edi'] },
    { path: '/Clients/Umbrella Corp/Shared', files: ['Quarterly review {n}.pptx', 'Specs {n}.pdf'] },
    { path: '/Shared/Templates', files: ['Letterhead v{n}.docx', 'Invoice template v{n}.xlsx', 'Slide master {n}.potx'] },
    { path: '/Shared/Team Photos', files: [`Offsite ${year} {n}.jpg`, 'Holiday party {n}.jpg'] },
    { path: '/HR/Policies', files: ['Employee handbook v{n}.pdf', 'Travel policy {n}.pdf'] },
    { path: '/HR/Onboarding', files: ['Offer letter {n}.docx', 'I-9 checklist {n}.pdf', 'Laptop request {n}.xlsx'] },
    { path: '/Backups/db', files: ['db-prod-{n}.sql.gz', 'db-analytics-{n}.sql.gz'] },
    { path: '/Backups/fileserver', files: ['fileserver-{n}.tar.zst'] },
    { path: '/Scans', files: ['Scan_{n}.pdf', 'SCN{n}.tif'] },
  ];
  const at = (...prefixes: string[]) => folders.flatMap((folder, i) => (prefixes.some((prefix) => folder.path.startsWith(prefix)) ? [i] : []));
  const office = ['203.0.113.14', '203.0.113.15', '203.0.113.16'];
  const staff = (name: string, weight: number, home: string, ...prefixes: string[]): UserProfile => ({
    name, role: 'staff', weight, ipAddresses: [...office, home], protocols: ['web', 'web', 'web', 'sftp'], folders: at(...prefixes, '/Shared'),
  });
  const users: UserProfile[] = [
    { name: 'admin', role: 'admin', weight: 2, ipAddresses: [...office, '73.158.64.21'], protocols: ['web'], folders: at('/') },
    { name: 'it-helpdesk', role: 'admin', weight: 1, ipAddresses: office, protocols: ['web'], folders: at('/HR/Onboarding', '/Shared') },
    staff('jsmith', 3, '73.92.181.40', '/Finance'),
    staff('mgarcia', 3, '24.56.112.9', '/Finance', '/HR'),
    staff('akumar', 3, '98.207.14.201', '/Engineering'),
    staff('lchen', 2, '2601:646:8a00:1f0:c1a4:5e2b:9d03:7a11', '/Engineering'),
    staff('tnguyen', 2, '71.198.30.77', '/Marketing'),
    staff('bwilliams', 2, '67.180.220.5', '/Marketing', '/Clients/Globex'),
    staff('opatel', 2, '76.102.44.150', '/Clients/Acme', '/Clients/Umbrella Corp'),
    staff('rjohnson', 1, '174.64.99.2', '/Finance', '/Clients'),
    staff('emartin', 1, '108.221.7.88', '/HR'),
    staff('dkim', 2, '73.241.19.166', '/Engineering', '/Clients/Initech'),
    staff('sbrown', 1, '24.130.250.41', '/Marketing'),
    { ...staff('hmueller', 1, '91.64.147.23', '/Engineering', '/Clients/Umbrella Corp'), ipAddresses: ['91.64.147.23', '2a02:8108:1a40:5c00::4e2'] },
    staff('kwright', 1, '98.33.120.64', '/Finance/Payroll', '/HR'),
    staff('ptaylor', 1, '50.174.3.215', '/Clients'),
    { ...staff('contractor-jlee', 1, '49.36.128.17', '/Engineering/docs', '/Engineering/builds'), ipAddresses: ['49.36.128.17', '49.36.131.102'] },
    { name: 'backup-bot', role: 'service', weight: 2, ipAddresses: ['34.102.136.180'], protocols: ['sftp'], folders: at('/Backups') },
    { name: 'sync-service', role: 'service', weight: 2, ipAddresses: ['52.14.88.201', '52.14.88.202'], protocols: ['sftp'], folders: at('/Clients', '/Shared') },
    { name: 'ci-deployer', role: 'service', weight: 2, ipAddresses: ['35.227.42.19'], protocols: ['sftp'], folders: at('/Engineering/builds', '/Engineering/logs') },
    { name: 'scanner-bot', role: 'service', weight: 1, ipAddresses: ['203.0.113.201'], protocols: ['ftp'], folders: at('/Scans') },
    { name: 'acme-uploads', role: 'client', weight: 2, ipAddresses: ['198.51.100.23', '198.51.100.24'], protocols: ['web', 'ftp'], folders: at('/Clients/Acme') },
    { name: 'globex-portal', role: 'client', weight: 1, ipAddresses: ['192.0.2.145'], protocols: ['web'], folders: at('/Clients/Globex') },
    { name: 'initech-ftp', role: 'client', weight: 1, ipAddresses: ['100.24.61.12'], protocols: ['ftp'], folders: at('/Clients/Initech') },
    { name: 'umbrella-ext', role: 'client', weight: 1, ipAddresses: ['81.2.69.142'], protocols: ['web', 'sftp'], folders: at('/Clients/Umbrella Corp') },
  ];
  return {
    users,
    folders,
    fileName: (folder, n) => {
      const patterns = folders[folder]!.files;
      return patterns[n % patterns.length]!.replace('{n}', String(1000 + Math.floor(n / patterns.length)));
    },
    attackerIps: ['185.220.101.47', '45.134.26.12', '103.251.167.20', '194.26.29.113', '5.188.206.14'],
    guessedUsernames: ['admin', 'root', 'administrator', 'test', 'jsmith', 'backup', 'ftpuser'],
    endpoints: [
      { url: 'https://hooks.example.com/exavault', webhookId: 3101, format: 'v2', watches: '/', events: ALL_EVENTS, ok: { status: 200, response: '{"ok":true}' } },
      { url: 'https://ci.internal.example.net/webhook', webhookId: 3102, format: 'v2', watches: '/Engineering/builds', events: ['resources.upload', 'resources.delete'], ok: { status: 202, response: '{"queued":true}' } },
      { url: 'https://automation.example.org/hooks/exavault', webhookId: 3103, format: 'v1', watches: '/Clients', events: ['resources.upload', 'resources.download', 'shares.formSubmit'], ok: { status: 200, response: 'OK' } },
      { url: 'https://crm.example.com/api/exavault-webhook', webhookId: 3087, format: 'legacy', watches: '/Clients/Acme', events: ['resources.upload'], ok: { status: 200, response: '' } },
      { url: 'https://marketing-sync.example.io/incoming/7f3a', webhookId: 3110, format: 'v2', watches: '/Marketing', events: ['resources.upload', 'resources.createFolder', 'resources.rename'], ok: { status: 204, response: '' } },
    ],
    outageAnswers: [
      { status: 502, response: NGINX_502 },
      { status: 503, response: '{"error":"database unavailable"}' },
      { status: 500, response: '{"error":"Internal Server Error","requestId":"c0ffee42"}' },
      { status: 28, response: 'curl error 28: Operation timed out after 30001 milliseconds with 0 bytes received' },
      { status: 7, response: 'curl error 7: Failed to connect to hooks.example.com port 443 after 2 ms: Connection refused' },
      { status: 0, response: '' },
    ],
    strayFailures: [
      { status: 404, response: 'Cannot POST /webhook' },
      { status: 401, response: '{"message":"invalid signature"}' },
      { status: 429, response: '{"error":"rate limited","retryAfter":30}' },
      { status: 28, response: 'curl error 28: Operation timed out after 30000 milliseconds with 0 bytes received' },
      { status: 6, response: 'curl error 6: Could not resolve host: automation.example.org' },
    ],
  };
}

/** Plausible sizes by extension, in bytes: [smallest, largest]. */
export function sizeRange(fileName: string): readonly [number, number] {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  return SIZES[extension] ?? [2_000, 5_000_000];
}

const SIZES: Record<string, readonly [number, number]> = {
  pdf: [40_000, 12_000_000], xlsx: [15_000, 4_000_000], csv: [800, 60_000_000], pptx: [900_000, 45_000_000],
  docx: [12_000, 3_000_000], potx: [200_000, 2_000_000], svg: [2_000, 90_000], png: [20_000, 4_000_000],
  ico: [1_000, 20_000], jpg: [300_000, 9_000_000], heic: [900_000, 4_000_000], mp4: [20_000_000, 1_800_000_000],
  mov: [80_000_000, 3_500_000_000], gz: [3_000_000, 900_000_000], msi: [60_000_000, 180_000_000],
  dmg: [70_000_000, 220_000_000], sha256: [300, 900], html: [40_000, 2_000_000], yaml: [5_000, 300_000],
  md: [1_000, 60_000], zip: [1_000_000, 700_000_000], xml: [3_000, 2_000_000], edi: [1_000, 80_000],
  zst: [2_000_000_000, 40_000_000_000], tif: [500_000, 30_000_000],
};
