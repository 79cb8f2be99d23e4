// Creates an account (an administrator unless --role says otherwise) and prints its one-time
// set-password link. Usage: npm run admin:create -- --email you@library.org --name "Your Name" [--role admin]
import { parseArgs } from "node:util";
import { getConfig } from "~/config.server";
import { closeDb, prepareDatabase } from "~/db/client.server";
import { isPostgres } from "~/db/dialect";
import { insertUser } from "~/people/users.server";
import { UserFormSchema } from "~/schemas/auth";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "admin" },
    "staff-number": { type: "string", default: "" },
  },
});

const parsed = UserFormSchema.safeParse({
  email: values.email ?? "",
  displayName: values.name ?? "",
  role: values.role,
  staffNumber: values["staff-number"],
  orgUnitId: "",
  locale: "",
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) {
    const flag =
      { email: "--email", displayName: "--name", role: "--role", staffNumber: "--staff-number" }[String(issue.path[0])] ?? String(issue.path[0]);
    console.error(`${flag}: ${describe(issue.message)}`);
  }
  console.error('Usage: npm run admin:create -- --email you@library.org --name "Your Name" [--role admin|hr|trainer|staff]');
  process.exit(2);
}

function describe(key: string) {
  return (
    {
      "validation.required": "is required",
      "validation.email": "is not an email address",
      "validation.tooLong": "is too long",
      "validation.invalid": "must be one of staff, trainer, hr, admin",
    }[key] ?? key
  );
}

await prepareDatabase();
const result = await insertUser(parsed.data, null);
await closeDb();
if (!result.ok) {
  console.error(
    `${result.field === "email" ? "--email" : result.field}: ${result.message === "validation.emailTaken" ? "an account with this email already exists" : result.message}`,
  );
  process.exit(1);
}
console.log(
  `Created ${parsed.data.role} account for ${parsed.data.displayName} <${parsed.data.email}> in ${isPostgres ? "the PostgreSQL database" : getConfig().databasePath}.`,
);
console.log(`Set-password link (single use, valid until ${result.expiresAt.toISOString().slice(0, 10)}):\n${result.setPasswordUrl}`);
