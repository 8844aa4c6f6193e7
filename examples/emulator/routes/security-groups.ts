import { Router } from 'express';
import { callerOf } from '../context.js';
import { invalid, objectBody, requiredArray } from '../validate.js';

const maxGroups = 5;

/** Security groups: bind (?bind), unbind (?unbind), list. */
export function securityGroupRoutes(): Router {
  const router = Router();

  router.put('/blb/:blbId/securitygroup', (req, res, next) => {
    const bind = 'bind' in req.query;
    if (!bind && !('unbind' in req.query)) {
      next();
      return;
    }
    const instance = callerOf(res).store.writable(req.params.blbId);
    const ids = requiredArray(objectBody(req.body), 'securityGroupIds');
    if (!ids.every((id): id is string => typeof id === 'string' && /^g-[\w-]{1,60}$/.test(id))) {
      throw invalid('securityGroupIds');
    }
    const groups = instance.securityGroups;
    if (bind) {
      if (new Set([...groups, ...ids]).size > maxGroups) throw invalid('securityGroupIds');
      for (const id of ids) groups.add(id);
    } else {
      if (ids.some((id) => !groups.has(id))) throw invalid('securityGroupIds');
      for (const id of ids) groups.delete(id);
    }
    instance.version += 1;
    res.status(200).end();
  });

  router.get('/blb/:blbId/securitygroup', (req, res) => {
    const instance = callerOf(res).store.find(req.params.blbId);
    res.json({
      blbSecurityGroups: [...instance.securityGroups].map((id) => ({
        securityGroupId: id,
        securityGroupName: `sg-${id.slice(2)}`,
        securityGroupDesc: '',
        vpcName: `vpc-name-${instance.vpcId}`,
        securityGroupRules: [],
      })),
    });
  });

  return router;
}
