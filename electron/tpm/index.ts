export { beginAttestation, defaultTcti, type TpmAttestation, type TpmCredential, type TpmIdentity, type TpmOptions } from './tpm-tools';
