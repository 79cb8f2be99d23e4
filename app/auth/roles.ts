// The roles, as plain data: the users table, the policy and the navigation (which renders in the
// browser too) read them from here, so the client bundle never pulls in the database schema.
export const ROLES = ["staff", "trainer", "hr", "admin"] as const;
export type Role = (typeof ROLES)[number];
