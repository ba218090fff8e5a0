import { selfSignUpAuthenticators } from './self-sign-up';

describe('authenticators that let people sign themselves up', () => {
  it('names the password authenticators whose sign-up is on, by title', () => {
    expect(
      selfSignUpAuthenticators([
        {
          name: 'basic',
          title: 'Password',
          authType: 'Email/Password',
          options: { allowSignUp: true, signupForm: [] },
        },
        { name: 'staff', authType: 'Email/Password', options: { allowSignUp: true } },
        { name: 'closed', authType: 'Email/Password', options: { allowSignUp: false } },
        { name: 'unset', authType: 'Email/Password', options: {} },
        { name: 'wecom', authType: 'wecom', options: { allowSignUp: true } },
      ]),
    ).toEqual(['Password', 'staff']);
  });

  it.each([[null], [{}], ['basic'], [[null, 3, { authType: 'Email/Password' }]]])('reads nothing from %j', (list) => {
    expect(selfSignUpAuthenticators(list)).toEqual([]);
  });
});
