// The kernel suite on the host emulation of the addon: it checks the TypeScript half of the backend (storage,
// reference counts, shapes, strides, dispatch) on every machine, GPU or not. cuda.test.ts runs the same
// suite on the real device.
import { registerCudaBackend } from './register';
import { HostAddon } from './testing/host-addon';
import { kernelSuite } from './testing/suite';

const addon = new HostAddon();
registerCudaBackend(addon, 'own', 'cuda-host', 0);

kernelSuite('cuda-host', () => addon.liveAllocations);
