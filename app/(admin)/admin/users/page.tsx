import { listOpenSessions } from "@/db/queries/sessions";
import { listUsers } from "@/db/queries/users";
import { requirePageUser } from "@/lib/auth/guard";
import { ActionForm, Field, Hidden, Select, SubmitButton } from "@/components/admin/Form";
import { formatDateTime } from "@/lib/format/date";
import { browserName } from "@/lib/format/user-agent";
import { createUserAction, endSessionAction, endUserSessionsAction, setDisabledAction, setPasswordAction, setRoleAction } from "./actions";

export const metadata = { title: "Users" };

const ROLE_OPTIONS = [
  { value: "editor", label: "Editor" },
  { value: "admin", label: "Admin" },
];

export default async function UsersPage() {
  const me = await requirePageUser("users", "/admin/users");
  const users = await listUsers();
  const open = await listOpenSessions();
  return (
    <div className="space-y-10">
      <h1 className="font-serif text-3xl font-bold">Users</h1>
      <p className="text-sm text-(--color-muted)">
        Changing a role, disabling a user or setting a password ends that user&apos;s sessions at once. A session also ends when its browser
        signs out, when an admin ends it below, and, whatever happens, a fixed time after sign-in.
      </p>
      <ul className="space-y-6">
        {users.map((u) => (
          <li key={u.id} className="rounded border border-(--color-rule) p-4" data-user={u.email}>
            <p className="font-semibold">
              {u.name}{" "}
              <span className="font-normal text-(--color-muted)">
                · {u.email} · {u.role}
                {u.disabled ? " · disabled" : ""} · since {formatDateTime(u.createdAt)}
              </span>
            </p>
            {u.id !== me.id ? (
              <div className="mt-3 grid gap-4 md:grid-cols-3">
                <ActionForm
                  action={setRoleAction}
                  initial={{ id: String(u.id), role: u.role }}
                  className="space-y-2"
                  label={`Role of ${u.email}`}
                >
                  <Hidden name="id" />
                  <Select name="role" label="Role" options={ROLE_OPTIONS} />
                  <SubmitButton>Change role</SubmitButton>
                </ActionForm>
                <ActionForm
                  action={setDisabledAction}
                  initial={{ id: String(u.id), disabled: u.disabled ? "false" : "true" }}
                  className="space-y-2"
                  label={`Access of ${u.email}`}
                >
                  <Hidden name="id" />
                  <Hidden name="disabled" />
                  <p className="text-sm font-semibold">Access</p>
                  <SubmitButton>{u.disabled ? "Enable" : "Disable"}</SubmitButton>
                </ActionForm>
                <ActionForm
                  action={setPasswordAction}
                  initial={{ id: String(u.id) }}
                  className="space-y-2"
                  label={`Password of ${u.email}`}
                >
                  <Hidden name="id" />
                  <Field name="password" label="New password" type="password" autoComplete="new-password" />
                  <SubmitButton>Set password</SubmitButton>
                </ActionForm>
              </div>
            ) : (
              <p className="mt-2 text-sm text-(--color-muted)">This is you. Another admin can change your role or access.</p>
            )}
            <Sessions user={u} mine={u.id === me.id} current={me.sessionId} sessions={open.filter((s) => s.userId === u.id)} />
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-user" className="max-w-xl">
        <h2 id="new-user" className="text-lg font-bold">
          Add a user
        </h2>
        <ActionForm action={createUserAction} initial={{ role: "editor" }} label="New user">
          <Field name="email" label="Email" type="email" autoComplete="off" />
          <Field name="name" label="Name" />
          <Select name="role" label="Role" options={ROLE_OPTIONS} />
          <Field name="password" label="First password (12+ characters)" type="password" autoComplete="new-password" />
          <SubmitButton>Add user</SubmitButton>
        </ActionForm>
      </section>
    </div>
  );
}

type OpenSession = Awaited<ReturnType<typeof listOpenSessions>>[number];

/** A user's open sessions: where and when each began, when it was last used, when it ends. */
function Sessions({
  user,
  mine,
  current,
  sessions,
}: {
  user: { id: number; email: string };
  mine: boolean;
  current: number;
  sessions: OpenSession[];
}) {
  return (
    <section className="mt-4" aria-label={`Open sessions of ${user.email}`} data-sessions={user.email}>
      <h3 className="text-sm font-semibold">
        {sessions.length === 0 ? "No open sessions" : sessions.length === 1 ? "1 open session" : `${sessions.length} open sessions`}
      </h3>
      {sessions.length > 0 ? (
        <ul className="mt-1 divide-y divide-(--color-rule) text-sm">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2" data-session={s.id}>
              <span className="min-w-0 flex-1 basis-72">
                <span className="font-semibold">
                  {browserName(s.userAgent)} from {s.ip}
                  {mine && s.id === current ? " · this browser" : ""}
                </span>
                <span className="block text-(--color-muted)">
                  signed in {formatDateTime(s.createdAt)} · last seen {formatDateTime(s.lastSeenAt)} · ends {formatDateTime(s.expiresAt)}
                </span>
              </span>
              {mine && s.id === current ? null : (
                <ActionForm
                  action={endSessionAction}
                  initial={{ id: String(s.id) }}
                  className="shrink-0"
                  label={`End session ${s.id} of ${user.email}`}
                >
                  <Hidden name="id" />
                  <SubmitButton>End session</SubmitButton>
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {!mine && sessions.length > 1 ? (
        <ActionForm
          action={endUserSessionsAction}
          initial={{ userId: String(user.id) }}
          className="mt-2"
          label={`All sessions of ${user.email}`}
        >
          <Hidden name="userId" />
          <SubmitButton>End all {sessions.length} sessions</SubmitButton>
        </ActionForm>
      ) : null}
    </section>
  );
}
