import { spawn } from 'node:child_process';
import { once } from 'node:events';
import request from 'supertest';
import { createGatewayApp } from '../examples/gateway/app.js';
import { expectBceBody } from './support/bce-body.js';

describe('the example gateway (npm start)', () => {
  const app = createGatewayApp();

  it('answers an unknown instance with InstanceNotFound', async () => {
    const res = await request(app).get('/v1/blb/lb-missing');
    expect(res.status).toBe(404);
    expect(expectBceBody(res.body)).toMatchObject({
      code: 'InstanceNotFound',
      message: 'The BLB instance lb-missing does not exist.',
    });
  });

  it('answers a create without vpcId with MissingParameter naming it', async () => {
    const res = await request(app).post('/v1/blb').send({ subnetId: 'sbn-1' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'MissingParameter',
      message: "A required parameter 'vpcId' is not supplied.",
    });
  });

  it('creates, reads and deletes an instance', async () => {
    const created = await request(app).post('/v1/blb').send({ vpcId: 'vpc-1', subnetId: 'sbn-1' });
    expect(created.status).toBe(201);
    const { blbId } = created.body as { blbId: string };
    expect((await request(app).get(`/v1/blb/${blbId}`)).status).toBe(200);
    expect((await request(app).delete(`/v1/blb/${blbId}`)).status).toBe(200);
    expect((await request(app).get(`/v1/blb/${blbId}`)).status).toBe(404);
  });

  it('masks an internal failure and answers an unknown path with InvalidURI', async () => {
    const boom = await request(app).get('/v1/boom');
    expect(boom.status).toBe(500);
    expect(boom.text).not.toContain('never see');
    const unknown = await request(app).get('/v9/whatever');
    expect(expectBceBody(unknown.body).code).toBe('InvalidURI');
  });

  it('starts with npm start on PORT, prints a curl line, and stops on SIGTERM', async () => {
    const child = spawn('npm', ['start', '--silent'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const deadline = Date.now() + 30_000;
    while (!output.includes('try: curl') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(origin).toBeDefined();
    expect(output).toContain(`try: curl -i ${String(origin)}/v1/blb/lb-missing`);
    const res = await request(String(origin)).get('/v1/blb/lb-missing');
    expect(res.status).toBe(404);
    expect(expectBceBody(res.body).code).toBe('InstanceNotFound');
    process.kill(-(child.pid ?? 0), 'SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code === 0 || code === null).toBe(true);
  }, 40_000);
});
