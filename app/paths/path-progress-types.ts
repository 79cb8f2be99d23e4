// The shapes path pages show, in a plain module so components need not import server code.
export type PathProgressRow = { slug: string; title: string; hours: number; modules: number; assigned: number; certified: number; overdue: number };

export type PathStepView = { slug: string; title: string; hours: number; certified: boolean; locked: boolean; next: boolean };

export type PathView = {
  slug: string;
  title: string;
  description: string;
  audience: string;
  inOrder: boolean;
  hours: number;
  done: number;
  total: number;
  next: { slug: string; title: string } | null;
  dueDate: string | null;
  overdue: boolean;
  steps: PathStepView[];
  certificate: { id: string; code: string; issuedAt: string } | null;
};
