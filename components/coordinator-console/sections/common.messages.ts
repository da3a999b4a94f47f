/** Words every console section shares: buttons and problems, the table's, and record statuses. English and Spanish. */

export const commonEn = {
  cancel: 'Cancel',
  close: 'Close',
  retry: 'Try again',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved',
  edit: 'Edit',
  all: 'All',
  any: 'Any',
  yes: 'Yes',
  no: 'No',
  none: 'None',
  status: 'Status',
  loading: 'Loading…',
  network: 'We couldn’t reach the server. Check your connection and try again.',
  server: 'Something went wrong on our side. Please try again.',
  forbidden: 'Your role does not allow this.',
  notFound: 'This record no longer exists, or it belongs to another district.',
  copy: 'Copy',
  copied: (what: string) => `${what} copied`,
  copyFailed: 'Could not copy. Select the text and copy it yourself.',
  fixErrors: 'Fix the highlighted fields and try again.',
  optional: '(optional)',
  choose: 'Choose…',
  show: 'Show',
  download: 'Download CSV',
  downloaded: (name: string) => `${name} downloaded`,
  from: 'From',
  to: 'To',
  school: 'School',
  allSchools: 'All schools',
  grade: 'Grade',
  gradeN: (n: number) => `Grade ${n}`,
  created: 'Created',
  updated: 'Updated',
  notes: 'Notes',
  message: 'Message',
};

export type CommonMessages = typeof commonEn;

export const commonEs: CommonMessages = {
  cancel: 'Cancelar',
  close: 'Cerrar',
  retry: 'Intentar de nuevo',
  save: 'Guardar',
  saving: 'Guardando…',
  saved: 'Guardado',
  edit: 'Editar',
  all: 'Todos',
  any: 'Cualquiera',
  yes: 'Sí',
  no: 'No',
  none: 'Ninguno',
  status: 'Estado',
  loading: 'Cargando…',
  network: 'No pudimos conectar con el servidor. Revise su conexión e inténtelo de nuevo.',
  server: 'Algo salió mal de nuestro lado. Inténtelo de nuevo.',
  forbidden: 'Su función no permite esto.',
  notFound: 'Este registro ya no existe o pertenece a otro distrito.',
  copy: 'Copiar',
  copied: (what) => `${what}: copiado`,
  copyFailed: 'No se pudo copiar. Seleccione el texto y cópielo usted.',
  fixErrors: 'Corrija los campos marcados e inténtelo de nuevo.',
  optional: '(opcional)',
  choose: 'Elija…',
  show: 'Mostrar',
  download: 'Descargar CSV',
  downloaded: (name) => `${name} descargado`,
  from: 'Desde',
  to: 'Hasta',
  school: 'Escuela',
  allSchools: 'Todas las escuelas',
  grade: 'Grado',
  gradeN: (n) => `Grado ${n}`,
  created: 'Creado',
  updated: 'Actualizado',
  notes: 'Notas',
  message: 'Mensaje',
};


export const tableEn = {
  filter: (label: string) => `Filter ${label.toLowerCase()}`,
  shown: (n: string) => `${n} shown`,
  moreAvailable: 'more available',
  selectedCount: (n: string) => `${n} selected`,
  selectAll: 'Select all shown',
  select: (name: string) => `Select ${name}`,
  sortBy: 'sort',
  loading: 'Loading…',
  loadMore: 'Load more',
  empty: 'Nothing here yet.',
  noMatch: (q: string) => `Nothing matches “${q}”.`,
  failed: 'This list could not be loaded.',
  retry: 'Try again',
};

export type TableMessages = typeof tableEn;

export const tableEs: TableMessages = {
  filter: (label) => `Filtrar ${label.toLowerCase()}`,
  shown: (n) => `${n} mostrados`,
  moreAvailable: 'hay más',
  selectedCount: (n) => `${n} seleccionados`,
  selectAll: 'Seleccionar todos los mostrados',
  select: (name) => `Seleccionar a ${name}`,
  sortBy: 'ordenar',
  loading: 'Cargando…',
  loadMore: 'Cargar más',
  empty: 'Todavía no hay nada aquí.',
  noMatch: (q) => `Nada coincide con «${q}».`,
  failed: 'No se pudo cargar esta lista.',
  retry: 'Intentar de nuevo',
};


export const statusEn = {
  pending: 'Pending', approved: 'Approved', returned: 'Returned', declined: 'Declined', suspended: 'Suspended',
  draft: 'Draft', pending_review: 'Pending review', published: 'Published', closed: 'Closed', archived: 'Archived',
  scheduled: 'Scheduled', cancelled: 'Cancelled',
  submitted: 'Submitted', under_review: 'Under review', offered: 'Offered', accepted: 'Accepted', confirmed: 'Confirmed',
  active: 'Active', completed: 'Completed', withdrawn: 'Withdrawn',
  revoked: 'Revoked', create: 'New', update: 'Update', error: 'Error',
} as Record<string, string>;

export type StatusMessages = typeof statusEn;

export const statusEs: StatusMessages = {
  pending: 'Pendiente', approved: 'Aprobado', returned: 'Devuelto', declined: 'Rechazado', suspended: 'Suspendido',
  draft: 'Borrador', pending_review: 'En revisión', published: 'Publicado', closed: 'Cerrado', archived: 'Archivado',
  scheduled: 'Programado', cancelled: 'Cancelado',
  submitted: 'Enviada', under_review: 'En revisión', offered: 'Ofrecida', accepted: 'Aceptada', confirmed: 'Confirmada',
  active: 'Activa', completed: 'Completada', withdrawn: 'Retirada',
  revoked: 'Revocado', create: 'Nuevo', update: 'Actualizar', error: 'Error',
};
