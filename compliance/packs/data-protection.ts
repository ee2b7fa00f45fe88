import { containerLabelsComplete, volumeBackupPolicy, volumeLabelsComplete } from '../rules/index.js';
import { definePack } from './pack.js';

export const dataProtectionPack = definePack(
  {
    id: 'data-protection',
    title: 'Marquage et sauvegarde des données hébergées',
    titleEn: 'Labelling and backup of hosted data',
    description:
      "Chaque conteneur et chaque volume est rattaché à son ministère, à sa demande et à la classification de ses données, " +
      "et chaque volume porte une politique de sauvegarde compatible avec cette classification.",
  },
  [containerLabelsComplete, volumeLabelsComplete, volumeBackupPolicy],
);
