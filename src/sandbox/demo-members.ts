import type { SandboxMember } from './types.ts';

/**
 * A small realistic directory for demos. Mobiles are deliberately written in different formats,
 * as admins type them, so mobile matching is exercised the way real corps exercise it.
 */
export const DEMO_MEMBERS: readonly SandboxMember[] = [
  {
    userid: 'zhangsan',
    name: '张三',
    mobile: '13800138000',
    email: 'zhangsan@example.com',
    biz_mail: 'zhangsan@sandbox.wecom.work',
    department: [1, 2],
    position: '产品经理',
    gender: '1',
    avatar: 'https://wework.qpic.cn/wwhead/sandbox-zhangsan/0',
    address: '广州市海珠区新港中路397号',
  },
  {
    userid: 'lisi',
    name: '李四',
    mobile: '+86 139 1234 5678',
    email: 'lisi@example.com',
    department: [2],
    position: '后端工程师',
    gender: '1',
  },
  {
    userid: 'wangwu',
    name: '王五',
    mobile: '186-0000-1234',
    department: [3],
    position: '销售',
    gender: '1',
  },
  {
    userid: 'zhaoliu',
    name: '赵六',
    mobile: '+8615000000006',
    email: 'zhaoliu@example.com',
    department: [3],
    position: '财务',
    gender: '2',
  },
  {
    userid: 'sunqi',
    name: '孙七',
    email: 'sunqi@example.com',
    department: [4],
    position: '外包顾问',
    gender: '2',
    // Outside the app's visible range: user/get answers 60011, web login is refused.
    visible: false,
  },
];
