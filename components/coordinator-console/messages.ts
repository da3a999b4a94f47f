import type { Lang } from '../base/localize.js';

/**
 * The console shell's words (sign-in, navigation, session), English and Spanish. The
 * sections carry their own catalogue (sections/messages.ts), loaded with the first section,
 * so the first load stays small.
 */
const en = {
  console: 'Work-based learning console',
  signInTitle: 'Sign in',
  signInIntro: 'Use your district staff account.',
  email: 'Work email',
  password: 'Password',
  showPassword: 'Show password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  problem: 'There is a problem',
  badCredentials: 'The email or password is not right. Check both and try again.',
  tooMany: (when: string) => `Too many failed sign-ins. Sign-in is paused: try again ${when}.`,
  tooManySoon: 'Too many failed sign-ins. Sign-in is paused for a while: try again later.',
  networkError: 'We couldn’t reach the server. Check your connection and try again.',
  serverError: 'Something went wrong on our side. Please try again.',
  sessionEnded: 'Your session has ended. Sign in again to carry on where you were.',
  signedOut: 'You are signed out.',
  signedInAs: 'Signed in as',
  signOut: 'Sign out',
  sectionsNav: 'Console sections',
  sections: {
    review: 'Review',
    opportunities: 'Opportunities',
    events: 'Events',
    students: 'Students',
    placements: 'Placements',
    badges: 'Badges',
    reports: 'Reports',
    settings: 'Settings',
  } as Record<string, string>,
  roles: { admin: 'Administrator', coordinator: 'Coordinator', supervisor: 'Employer supervisor', viewer: 'Viewer' } as Record<string, string>,
  loadingSection: 'Loading…',
  sectionFailed: 'This section could not be loaded. Check your connection and try again.',
  retry: 'Try again',
  opened: (section: string) => `${section} opened`,
  // "Change password" in the header; the step itself has its own words (password-step.ts).
  changePassword: 'Change password',
  passwordChanged: (others: number) =>
    others === 0
      ? 'Your password is changed.'
      : `Your password is changed. ${others === 1 ? 'One other session was' : `${others} other sessions were`} signed out.`,
  originRefused: 'This page is not one of your district’s registered sites, so it cannot sign you in. Use your district’s console page.',
};

export type ShellMessages = typeof en;

const es: ShellMessages = {
  console: 'Consola de aprendizaje basado en el trabajo',
  signInTitle: 'Iniciar sesión',
  signInIntro: 'Use su cuenta del personal del distrito.',
  email: 'Correo electrónico de trabajo',
  password: 'Contraseña',
  showPassword: 'Mostrar contraseña',
  signIn: 'Iniciar sesión',
  signingIn: 'Iniciando sesión…',
  problem: 'Hay un problema',
  badCredentials: 'El correo o la contraseña no son correctos. Revise ambos e inténtelo de nuevo.',
  tooMany: (when) => `Demasiados intentos fallidos. El inicio de sesión está en pausa: inténtelo de nuevo ${when}.`,
  tooManySoon: 'Demasiados intentos fallidos. El inicio de sesión está en pausa por un tiempo: inténtelo más tarde.',
  networkError: 'No pudimos conectar con el servidor. Revise su conexión e inténtelo de nuevo.',
  serverError: 'Algo salió mal de nuestro lado. Inténtelo de nuevo.',
  sessionEnded: 'Su sesión terminó. Inicie sesión de nuevo para continuar donde estaba.',
  signedOut: 'Cerró la sesión.',
  signedInAs: 'Sesión iniciada como',
  signOut: 'Cerrar sesión',
  sectionsNav: 'Secciones de la consola',
  sections: {
    review: 'Revisión',
    opportunities: 'Oportunidades',
    events: 'Eventos',
    students: 'Estudiantes',
    placements: 'Colocaciones',
    badges: 'Insignias',
    reports: 'Informes',
    settings: 'Configuración',
  },
  roles: { admin: 'Administrador', coordinator: 'Coordinador', supervisor: 'Supervisor del empleador', viewer: 'Lector' },
  loadingSection: 'Cargando…',
  sectionFailed: 'No se pudo cargar esta sección. Revise su conexión e inténtelo de nuevo.',
  retry: 'Intentar de nuevo',
  opened: (section) => `Se abrió ${section}`,
  changePassword: 'Cambiar contraseña',
  passwordChanged: (others) =>
    others === 0 ? 'Su contraseña se cambió.' : `Su contraseña se cambió. ${others === 1 ? 'Se cerró otra sesión' : `Se cerraron otras ${others} sesiones`}.`,
  originRefused:
    'Esta página no es uno de los sitios registrados de su distrito, así que no puede iniciar su sesión. Use la página de la consola de su distrito.',
};

export const SHELL_MESSAGES: Record<Lang, ShellMessages> = { en, es };
