// GET /account: the account's settings, shaped like the spec's example.

export const ACCOUNT_ID = 124437;

export interface AccountFacts {
  accountName: string;
  dailyAllowance: number;
  userCount: number;
}

export function accountBody({ accountName, dailyAllowance, userCount }: AccountFacts): string {
  return JSON.stringify({
    responseStatus: 200,
    data: {
      id: ACCOUNT_ID,
      type: 'account',
      attributes: {
        accountName,
        accountOnboarding: false,
        allowedIp: [],
        branding: true,
        clientId: 1,
        complexPasswords: true,
        created: '2019-05-30T20:48:57Z',
        customDomain: false,
        externalDomains: [],
        maxUsers: 50,
        modified: '2026-02-11T17:03:41Z',
        quota: {
          bandwidthLimit: 1_099_511_627_776,
          bandwidthUsed: 48_318_382_080,
          diskLimit: 1_099_511_627_776,
          diskUsed: 412_316_860_416,
          noticeEnabled: true,
          noticeThreshold: 90,
          transactionsLimit: dailyAllowance,
          transactionsNoticeEnabled: false,
          transactionsNoticeThreshold: 90,
        },
        secureOnly: false,
        showReferralLinks: false,
        status: 1,
        userCount,
        welcomeEmailContent: 'Great news, your new account is ready!\n\nFTP Server: [[ftpserver]]\nUsername (Web and FTP access): [[username]]\n\n[[setpassword]]',
        welcomeEmailSubject: 'ExaVault File Sharing Account',
      },
      relationships: { masterUser: { data: { id: 1, type: 'user' } } },
    },
  });
}
