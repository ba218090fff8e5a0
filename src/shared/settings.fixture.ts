/** The fewest settings an admin must give, as a form or an API call gives them, for the rules' tests. */
export const GIVEN_SETTINGS = {
  corpId: 'ww123abc',
  agentId: 1000002,
  secret: 's3cret',
  origin: 'https://nb.example.com/',
};

/** What the rules make of them: every default filled in, every value normalised. */
export const NORMALISED_SETTINGS = {
  corpId: 'ww123abc',
  agentId: '1000002',
  secret: 's3cret',
  origin: 'https://nb.example.com',
  redirectPath: '/admin',
  autoLogin: false,
  autoSignup: false,
  linkByPhone: 'auto',
  privilegedRoles: ['root', 'admin'],
  apiBaseUrl: 'https://qyapi.weixin.qq.com',
  oauthBaseUrl: 'https://open.weixin.qq.com',
  loginBaseUrl: 'https://login.work.weixin.qq.com',
  timeoutMs: 8000,
} as const;
