/**
 * The plan screens' GraphQL documents, one file per subject: the plan (page, editor, status, roll),
 * its objectives and new actions, and the plan action page.
 */
export * from './action-documents';
export * from './objective-documents';
export * from './plan-documents';
