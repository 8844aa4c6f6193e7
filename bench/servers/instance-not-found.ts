/**
 * What every variant answers for `GET /v1/blb/lb-missing`, written out by hand so the
 * hand-written baselines owe nothing to the package. bench/http.ts checks each variant's answer
 * against the catalog, so a drift here fails the run.
 */
export const INSTANCE_NOT_FOUND = {
  path: '/v1/blb/lb-missing',
  status: 404,
  code: 'InstanceNotFound',
  message: 'The specified BLB instance does not exist.',
  contentType: 'application/json; charset=utf-8',
  requestIdHeader: 'x-bce-request-id',
} as const;
