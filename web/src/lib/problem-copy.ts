// What a person reads when a request fails: one entry per problem `code` the
// API can answer (src/http/problem.cpp's table and the server's
// `with_machine_code` / `machine_code =` overrides, plus the client's own
// `network_error`): a heading, a sentence that stands on its own, and a way
// forward. problem-copy.test.ts fails when the server has a code without one.
// lib/problem.ts turns an ApiError into these words (describeError).

export interface ProblemCopy {
  /** A short heading. */
  title: string;
  /** What happened, as a sentence that stands on its own. */
  message: string;
  /** What the person can do about it. */
  action: string;
  /**
   * The server's `detail` names the specific case (which role, which
   * conflict…): show it, as a sentence, instead of `message`, unless it is
   * one of the server's generic phrasings.
   */
  useDetail?: boolean;
}

const report = 'If it keeps happening, tell your administrator and include the details below.';

/** Every problem code the server answers (and the client's own `network_error`), in words. */
export const problemCopy = {
  bad_request: {
    title: 'The request could not be read',
    message: 'PRISM could not understand what this page sent.',
    action: `Reload the page and try again. ${report}`,
  },
  unauthorized: {
    title: 'You are signed out',
    message: 'Your session has ended, or this needs you to be signed in.',
    action: 'Sign in again to continue.',
    useDetail: true,
  },
  already_member: {
    title: 'Already a member',
    message: 'Someone with this e-mail address is already a member of the organization.',
    action: 'Change their role on the Members tab instead of inviting them.',
  },
  invitation_pending: {
    title: 'An invitation is already pending',
    message: 'This e-mail address already has an invitation that has not been accepted yet.',
    action: 'Send that invitation again, or withdraw it to invite the address with another role.',
  },
  budget_exceeded: {
    title: 'Monthly AI budget used up',
    message: 'Your organization has used its AI budget for this month.',
    action: "An admin of the organization can raise the budget in the organization's settings; otherwise it renews next month.",
  },
  forbidden: {
    title: "You don't have permission to do this",
    message: 'Your role in this organization does not allow it.',
    action: 'Ask an admin of the organization to do it for you, or to give you a role that allows it.',
    useDetail: true,
  },
  not_found: {
    title: 'Not found',
    message: 'It does not exist any more, or it belongs to an organization you are not a member of.',
    action: 'Check the link, or go back to your projects.',
  },
  method_not_allowed: {
    title: 'This action is not available',
    message: 'The server does not offer this action here.',
    action: `Reload the page and try again. ${report}`,
  },
  request_timeout: {
    title: 'The request took too long',
    message: 'The server stopped waiting for the request to arrive.',
    action: 'Check your connection and try again.',
  },
  conflict: {
    title: "This can't be done right now",
    message: 'It clashes with the current state of things, which may have changed since the page loaded.',
    action: 'Reload the page to see the latest state, then try again.',
    useDetail: true,
  },
  gone: {
    title: 'This link has expired',
    message: 'The link or code is not valid any more.',
    action: 'Ask for a new link.',
    useDetail: true,
  },
  version_conflict: {
    title: 'Someone else changed this first',
    message: 'A newer version was saved while you were working on this one.',
    action: 'Reload to see the latest version, then make your change again.',
  },
  payload_too_large: {
    title: 'Too large to save',
    message: 'What you sent is larger than PRISM accepts.',
    action: 'Make it shorter, or split it into several parts, and try again.',
  },
  unsupported_media_type: {
    title: 'The request could not be read',
    message: 'PRISM received data in a format it does not accept.',
    action: `Reload the page and try again. ${report}`,
  },
  expectation_failed: {
    title: 'The request could not be read',
    message: 'The request asked the server for something it does not do.',
    action: `Reload the page and try again. ${report}`,
  },
  validation_failed: {
    title: 'Some fields need attention',
    message: 'Some of what you entered cannot be saved as it is.',
    action: 'Correct the fields mentioned and try again.',
  },
  precondition_required: {
    title: 'Reload before saving',
    message: 'The page did not say which version it was changing, so nothing was saved.',
    action: 'Reload the page and make your change again.',
  },
  rate_limited: {
    title: 'Too many requests',
    message: 'That was done too often in a short time.',
    action: 'Wait a moment, then try again.',
    useDetail: true,
  },
  header_fields_too_large: {
    title: 'The request could not be read',
    message: 'The browser sent more header data than the server accepts (often too many cookies).',
    action: "Clear this site's cookies, sign in again and retry.",
  },
  internal_error: {
    title: 'Something went wrong on our side',
    message: 'The server hit an unexpected error. Nothing you did caused it.',
    action: `Try again in a moment. ${report}`,
  },
  not_implemented: {
    title: 'Not supported',
    message: 'The server does not support this request.',
    action: report,
  },
  unavailable: {
    title: 'PRISM is busy right now',
    message: 'The server cannot handle this at the moment.',
    action: 'Try again in a minute.',
    useDetail: true,
  },
  storage_full: {
    title: 'Storage is full',
    message: 'Nothing was saved: the database is full. Reading still works.',
    action: "Ask the server's administrator to free space or raise the storage quota.",
  },
  document_too_large: {
    title: 'The document is too large',
    message: 'A document can hold at most 1 MiB of text, and this change would make it larger.',
    action: 'Shorten it, or split it into several documents.',
  },
  invalid_status_transition: {
    title: 'This status change is not possible',
    message: 'The document cannot move to that status from the one it has now.',
    action: 'Reload the page to see its current status and the changes it allows.',
    useDetail: true,
  },
  approval_required: {
    title: 'Approval comes from reviews',
    message: 'A document becomes approved when enough reviewers approve it.',
    action: 'Request a review instead.',
  },
  read_only_token: {
    title: 'This token may only read',
    message: 'The personal API token used here has the read scope, so it cannot change anything.',
    action: 'Create a token with read and write access under Account → API tokens.',
  },
  comments_closed: {
    title: 'Viewers cannot comment or review here',
    message: "This organization's admins turned off comments and reviews from viewers.",
    action: 'Ask an admin of the organization to allow them, or to make you a member.',
  },
  own_document: {
    title: 'You wrote this document',
    message: 'The author of a document cannot review or approve it.',
    action: 'Ask another member of the organization to review it.',
  },
  not_in_review: {
    title: 'The document is not in review',
    message: 'Reviews are given on a document that is in review.',
    action: 'Request a review first, then approve or ask for changes.',
  },
  not_in_trash: {
    title: 'The document is not in the trash',
    message: 'Only a deleted document waiting in the trash can be restored.',
    action: 'Reload the page: someone may have restored it already.',
    useDetail: true,
  },
  account_disabled: {
    title: 'This account is disabled',
    message: "An administrator of this PRISM server has disabled this account.",
    action: "Ask the server's administrator to enable it again.",
  },
  ai_provider_unusable: {
    title: "The organization's AI provider can't be used",
    message: "The organization's AI provider settings do not work right now.",
    action: 'An admin of the organization can fix them under Organization → AI provider, or go back to the server’s default.',
    useDetail: true,
  },
  email_not_verified: {
    title: 'Confirm your e-mail address first',
    message: 'This needs a confirmed e-mail address.',
    action: 'Open the link in the e-mail PRISM sent you when you signed up.',
    useDetail: true,
  },
  invalid_output: {
    title: "The AI's answer could not be used",
    message: 'The AI provider answered with something PRISM could not read.',
    action: 'Try again: another run usually works.',
  },
  nothing_to_cover: {
    title: 'Nothing to write stories for',
    message: 'The document has no requirements to turn into user stories yet.',
    action: 'Add requirements to the document (for example “FR-1: …”), then try again.',
    useDetail: true,
  },
  network_error: {
    title: "Can't reach PRISM",
    message: "PRISM's server did not answer.",
    action: 'Check your connection and try again in a minute.',
  },
} satisfies Record<string, ProblemCopy>;

export type ProblemCode = keyof typeof problemCopy;

/** For an answer without a code PRISM knows (a proxy's 502, an older server): the code of its status. */
const codeByStatus: Record<number, ProblemCode> = {
  0: 'network_error',
  400: 'bad_request',
  401: 'unauthorized',
  402: 'budget_exceeded',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  410: 'gone',
  412: 'version_conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  417: 'expectation_failed',
  422: 'validation_failed',
  428: 'precondition_required',
  429: 'rate_limited',
  431: 'header_fields_too_large',
  500: 'internal_error',
  501: 'not_implemented',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
  507: 'storage_full',
};

export const unknownCopy: ProblemCopy = {
  title: 'Something went wrong',
  message: 'The request did not succeed.',
  action: `Try again. ${report}`,
};

/** The server's generic phrasings, which say less than our own sentence. */
export const genericDetails = [
  /^authentication required$/i,
  /^your role does not allow this$/i,
  /^the request has invalid fields$/i,
  /^an internal error occurred$/i,
  /^internal error$/i,
  /^no such endpoint$/i,
  /^[\w ]+ not found$/i,
];

/** The copy for a code, else for the status, else the generic one. */
export function copyFor(code: string, status?: number): ProblemCopy {
  if (Object.hasOwn(problemCopy, code)) return problemCopy[code as ProblemCode];
  const byStatus = status === undefined ? undefined : (codeByStatus[status] ?? (status >= 500 ? 'internal_error' : undefined));
  return byStatus ? problemCopy[byStatus] : unknownCopy;
}

