export { createPcAttestor, type PcAttestor } from './pc-attestor';
export { beginAttestation, defaultTcti, type TpmAttestation, type TpmCredential, type TpmIdentity, type TpmOptions } from './tpm-attestation';
