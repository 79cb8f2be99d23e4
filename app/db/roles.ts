// The roles, as plain data: the users table's enum, the policy and the navigation (which renders in
// the browser too) read them from here, so the client bundle never pulls in the database schema.
// They live under db/ because the table needs them and db/ imports nothing from the layers above.
export const ROLES = ["staff", "trainer", "hr", "admin", "mentor"] as const;
export type Role = (typeof ROLES)[number];
