import type { ControlData } from './schema.js';

/**
 * ANSI/TIA-942-C Rating 3 checklist, written by the project: the standard publishes no
 * machine-readable catalog, so these items restate its Rating 3 themes as things an auditor
 * can check on site (one active and one alternate path, N+1 components, every component
 * maintainable without shutting the IT load down). `rating` is the lowest rating at which
 * the item applies, so items at 1 or 2 are still required for Rating 3.
 *
 * Ids are referenced elsewhere (policy packs, evidence): never renumber an item; retire it
 * and add a new id instead.
 */
export const tiaItemsData = [
  // --- Telecommunications --------------------------------------------------------------------
  {
    id: 'TIA-TEL-01',
    group: 'TEL',
    titleFr: "Deux locaux d'entrée des opérateurs, physiquement distincts",
    titleEn: 'Two diverse entrance facilities',
    descriptionFr:
      "L'auditeur vérifie sur plan et sur site deux salles ou zones d'entrée télécoms séparées, " +
      "éloignées l'une de l'autre, chacune alimentée et refroidie, et qu'aucune ne dépend de l'autre.",
    rating: 3,
  },
  {
    id: 'TIA-TEL-02',
    group: 'TEL',
    titleFr: "Au moins deux opérateurs d'accès",
    titleEn: 'At least two access providers',
    descriptionFr:
      "Contrats et points de terminaison d'au moins deux opérateurs distincts ; l'auditeur " +
      "vérifie qu'ils ne partagent pas le même support physique sur le dernier tronçon.",
    rating: 3,
  },
  {
    id: 'TIA-TEL-03',
    group: 'TEL',
    titleFr: "Cheminements extérieurs d'adduction séparés",
    titleEn: 'Diverse outside-plant entrance pathways',
    descriptionFr:
      'Les fourreaux et chambres de tirage des deux adductions suivent des tracés différents ' +
      "jusqu'au bâtiment ; l'auditeur compare les plans de récolement et la séparation réelle.",
    rating: 3,
  },
  {
    id: 'TIA-TEL-04',
    group: 'TEL',
    titleFr: 'Routage diversifié côté opérateurs',
    titleEn: 'Diverse routing within the access provider networks',
    descriptionFr:
      'Attestations des opérateurs que les liaisons rejoignent des nœuds ou boucles différents ' +
      "de leur réseau, pour qu'une seule coupure en amont n'isole pas le site.",
    rating: 3,
  },
  {
    id: 'TIA-TEL-05',
    group: 'TEL',
    titleFr: 'Câblage de rocade redondant par des chemins distincts',
    titleEn: 'Redundant backbone cabling over separate pathways',
    descriptionFr:
      "Chaque local d'entrée est relié à la zone de distribution principale par sa propre " +
      "rocade, posée dans un chemin de câbles distinct ; l'auditeur suit les deux tracés.",
    rating: 3,
  },
  {
    id: 'TIA-TEL-06',
    group: 'TEL',
    titleFr: 'Équipements réseau de cœur redondants',
    titleEn: 'Redundant core network equipment',
    descriptionFr:
      "Routeurs, commutateurs de cœur et pare-feu de bordure en paire, chacun alimenté par une " +
      "voie différente ; l'auditeur vérifie la configuration de bascule et son dernier test.",
    rating: 2,
  },
  {
    id: 'TIA-TEL-07',
    group: 'TEL',
    titleFr: 'Topologie de câblage structuré conforme',
    titleEn: 'Structured cabling topology',
    descriptionFr:
      'Organisation en zones (entrée, distribution principale, distribution horizontale, ' +
      "zones d'équipements) respectée, avec des catégories de câbles et connecteurs homogènes.",
    rating: 1,
  },
  {
    id: 'TIA-TEL-08',
    group: 'TEL',
    titleFr: 'Étiquetage et documentation du câblage',
    titleEn: 'Cabling labelling and records',
    descriptionFr:
      "Chaque câble, panneau et baie porte un identifiant unique repris dans un registre tenu " +
      "à jour ; l'auditeur prélève quelques liens et compare le terrain au registre.",
    rating: 1,
  },
  {
    id: 'TIA-TEL-09',
    group: 'TEL',
    titleFr: 'Séparation des chemins télécoms et énergie',
    titleEn: 'Telecommunications pathways separated from power',
    descriptionFr:
      'Chemins de câbles télécoms distincts des chemins courant fort, distances de séparation ' +
      'et taux de remplissage respectés, sans câble abandonné.',
    rating: 1,
  },
  {
    id: 'TIA-TEL-10',
    group: 'TEL',
    titleFr: 'Locaux télécoms secourus comme la salle informatique',
    titleEn: 'Telecom spaces on redundant power and cooling',
    descriptionFr:
      "Les locaux d'entrée et la zone de distribution principale sont alimentés par l'onduleur " +
      'et les groupes, et refroidis par des unités redondantes, comme la salle informatique.',
    rating: 3,
  },
  {
    id: 'TIA-TEL-11',
    group: 'TEL',
    titleFr: 'Maintenance télécoms sans coupure de service',
    titleEn: 'Concurrently maintainable telecommunications',
    descriptionFr:
      "Procédure et compte rendu d'essai montrant qu'un lien opérateur, une rocade ou un " +
      'équipement de cœur peut être retiré pour maintenance sans interrompre les services.',
    rating: 3,
  },
  {
    id: 'TIA-TEL-12',
    group: 'TEL',
    titleFr: 'Mise à la terre et équipotentialité des télécoms',
    titleEn: 'Telecommunications bonding and grounding',
    descriptionFr:
      'Barres de terre télécoms reliées à la terre du bâtiment, baies et chemins de câbles ' +
      'raccordés ; mesures de continuité disponibles.',
    rating: 1,
  },
  {
    id: 'TIA-TEL-13',
    group: 'TEL',
    titleFr: 'Supervision des liens opérateurs',
    titleEn: 'Access provider link monitoring',
    descriptionFr:
      'Chaque lien opérateur est supervisé (disponibilité, saturation) avec alerte vers ' +
      "l'exploitation ; l'auditeur consulte l'historique des alertes et des bascules.",
    rating: 3,
  },
  {
    id: 'TIA-TEL-14',
    group: 'TEL',
    titleFr: 'Répartiteurs et baies télécoms sous clé',
    titleEn: 'Secured cross-connects and telecom racks',
    descriptionFr:
      "Baies et répartiteurs des locaux d'entrée fermés à clé ou sous contrôle d'accès, " +
      'interventions des opérateurs accompagnées et consignées.',
    rating: 2,
  },

  // --- Architectural and structural ----------------------------------------------------------
  {
    id: 'TIA-ARC-01',
    group: 'ARC',
    titleFr: "Contrôle d'accès physique aux espaces critiques",
    titleEn: 'Physical access control to critical spaces',
    descriptionFr:
      'Accès aux salles informatiques, locaux télécoms, électriques et mécaniques par badge ' +
      "nominatif et second facteur ; l'auditeur vérifie les journaux d'accès et leur conservation.",
    rating: 3,
  },
  {
    id: 'TIA-ARC-02',
    group: 'ARC',
    titleFr: 'Vidéosurveillance des accès et des allées',
    titleEn: 'CCTV coverage of entries and aisles',
    descriptionFr:
      'Caméras couvrant le périmètre, les entrées, les allées de la salle informatique et les ' +
      "locaux techniques ; enregistrements conservés et consultables, plages sans image justifiées.",
    rating: 3,
  },
  {
    id: 'TIA-ARC-03',
    group: 'ARC',
    titleFr: 'Périmètre du site protégé',
    titleEn: 'Protected site perimeter',
    descriptionFr:
      'Clôture, portail contrôlé, protection contre les véhicules et poste de garde tenu en ' +
      "permanence ; l'auditeur fait le tour du périmètre et vérifie les rondes.",
    rating: 3,
  },
  {
    id: 'TIA-ARC-04',
    group: 'ARC',
    titleFr: "Sas anti-talonnage à l'entrée de la salle informatique",
    titleEn: 'Anti-tailgating entry to the computer room',
    descriptionFr:
      "Sas ou dispositif empêchant le passage de plusieurs personnes sur un seul badge ; " +
      "l'auditeur en teste le fonctionnement et regarde les alarmes de porte forcée.",
    rating: 3,
  },
  {
    id: 'TIA-ARC-05',
    group: 'ARC',
    titleFr: 'Compartimentage coupe-feu des salles',
    titleEn: 'Fire-rated separation of spaces',
    descriptionFr:
      'Salle informatique, locaux électriques, batteries et groupes séparés par des parois et ' +
      "portes au degré coupe-feu exigé ; l'auditeur demande les procès-verbaux et inspecte les traversées.",
    rating: 3,
  },
  {
    id: 'TIA-ARC-06',
    group: 'ARC',
    titleFr: 'Détection précoce de fumée',
    titleEn: 'Early smoke detection',
    descriptionFr:
      "Détection par aspiration ou très haute sensibilité dans la salle informatique et sous " +
      "faux plancher, reliée à une centrale surveillée ; derniers essais consignés.",
    rating: 3,
  },
  {
    id: 'TIA-ARC-07',
    group: 'ARC',
    titleFr: "Extinction automatique adaptée aux salles informatiques",
    titleEn: 'Automatic fire suppression suited to IT spaces',
    descriptionFr:
      'Extinction par gaz inerte ou agent propre, ou sprinkleur à pré-action ; réserve, ' +
      "étanchéité de la salle et contrats de maintenance vérifiés par l'auditeur.",
    rating: 3,
  },
  {
    id: 'TIA-ARC-08',
    group: 'ARC',
    titleFr: "Alarme incendie, extincteurs et arrêt d'urgence protégé",
    titleEn: 'Fire alarm, extinguishers and protected emergency power off',
    descriptionFr:
      "Déclencheurs manuels, extincteurs adaptés et signalés, bouton d'arrêt d'urgence muni " +
      "d'un capot contre le déclenchement accidentel.",
    rating: 1,
  },
  {
    id: 'TIA-ARC-09',
    group: 'ARC',
    titleFr: 'Site hors des zones inondables et des risques voisins',
    titleEn: 'Site clear of flood zones and nearby hazards',
    descriptionFr:
      "Étude de site : altitude par rapport aux crues et aux remontées de nappe (proximité de " +
      "la lagune), éloignement des activités dangereuses, accès routier en toute saison.",
    rating: 3,
  },
  {
    id: 'TIA-ARC-10',
    group: 'ARC',
    titleFr: 'Capacité portante des planchers',
    titleEn: 'Floor loading capacity',
    descriptionFr:
      'Note de calcul de la charge admissible du plancher et du faux plancher, comparée au ' +
      'poids des baies pleines, des batteries et des unités de refroidissement.',
    rating: 3,
  },
  {
    id: 'TIA-ARC-11',
    group: 'ARC',
    titleFr: "Protection contre les infiltrations d'eau",
    titleEn: 'Protection against water ingress',
    descriptionFr:
      "Aucune canalisation d'eau au-dessus des baies hormis l'extinction, toiture étanche, " +
      "évacuations et seuils ; l'auditeur inspecte le plafond et le faux plancher.",
    rating: 3,
  },
  {
    id: 'TIA-ARC-12',
    group: 'ARC',
    titleFr: 'Locaux techniques séparés de la salle informatique',
    titleEn: 'Support spaces separated from the computer room',
    descriptionFr:
      "Onduleurs, batteries, tableaux et production de froid installés dans des locaux " +
      "dédiés, hors de la salle informatique, pour y intervenir sans y entrer.",
    rating: 3,
  },
  {
    id: 'TIA-ARC-13',
    group: 'ARC',
    titleFr: 'Quai de livraison et zone de préparation',
    titleEn: 'Loading dock and staging area',
    descriptionFr:
      "Réception et déballage du matériel hors de la salle informatique, chemin d'acheminement " +
      'dimensionné pour les baies, sans passage par des zones non sécurisées.',
    rating: 2,
  },

  // --- Electrical ----------------------------------------------------------------------------
  {
    id: 'TIA-ELE-01',
    group: 'ELE',
    titleFr: "Double alimentation A/B jusqu'aux équipements double cordon",
    titleEn: 'A/B dual power feeds to dual-corded IT equipment',
    descriptionFr:
      'Chaque baie reçoit deux voies A et B issues de chaînes onduleurs distinctes ; les ' +
      "équipements à double cordon sont branchés sur les deux et les équipements à un seul " +
      "cordon passent par un commutateur de transfert en baie. L'auditeur échantillonne les baies.",
    rating: 3,
  },
  {
    id: 'TIA-ELE-02',
    group: 'ELE',
    titleFr: 'Onduleurs en redondance N+1',
    titleEn: 'N+1 UPS modules',
    descriptionFr:
      "La charge reste secourue avec un module d'onduleur hors service ; l'auditeur compare la " +
      'charge mesurée à la capacité restante. Exigé dès le Rating 2 et conservé au Rating 3.',
    rating: 2,
  },
  {
    id: 'TIA-ELE-03',
    group: 'ELE',
    titleFr: 'Groupes électrogènes en redondance N+1',
    titleEn: 'N+1 standby generators',
    descriptionFr:
      "Les groupes couvrent toute la charge, refroidissement compris, avec un groupe à l'arrêt ; " +
      'note de dimensionnement et essais en charge consultés.',
    rating: 3,
  },
  {
    id: 'TIA-ELE-04',
    group: 'ELE',
    titleFr: "Réserve de carburant sur site d'environ 72 heures",
    titleEn: 'About 72 hours of on-site fuel',
    descriptionFr:
      "Volume des cuves comparé à la consommation à pleine charge : au moins 72 h d'autonomie ; " +
      "l'auditeur vérifie le niveau tenu et les relevés de jaugeage.",
    rating: 3,
  },
  {
    id: 'TIA-ELE-05',
    group: 'ELE',
    titleFr: 'Tableaux et appareillage maintenables sans coupure',
    titleEn: 'Concurrently maintainable switchgear',
    descriptionFr:
      'Chaque tableau, disjoncteur ou jeu de barres peut être consigné pour maintenance pendant ' +
      "que l'autre voie porte la charge ; l'auditeur suit le schéma unifilaire et une consignation réelle.",
    rating: 3,
  },
  {
    id: 'TIA-ELE-06',
    group: 'ELE',
    titleFr: 'Inverseurs de source automatiques',
    titleEn: 'Automatic transfer between utility and generators',
    descriptionFr:
      "Bascule automatique réseau / groupes, temps de reprise mesuré lors des essais, retour " +
      "au réseau sans coupure de la charge informatique.",
    rating: 2,
  },
  {
    id: 'TIA-ELE-07',
    group: 'ELE',
    titleFr: 'By-pass de maintenance des onduleurs',
    titleEn: 'UPS maintenance bypass',
    descriptionFr:
      'Un by-pass externe permet de sortir un onduleur pour maintenance sans chute de la ' +
      'charge ; procédure écrite et verrouillages contre les fausses manœuvres vérifiés.',
    rating: 3,
  },
  {
    id: 'TIA-ELE-08',
    group: 'ELE',
    titleFr: 'Autonomie et surveillance des batteries',
    titleEn: 'Battery runtime and monitoring',
    descriptionFr:
      "Autonomie suffisante pour le démarrage et la prise de charge des groupes, surveillance " +
      "de chaque chaîne de batteries et remplacement planifié selon l'âge.",
    rating: 2,
  },
  {
    id: 'TIA-ELE-09',
    group: 'ELE',
    titleFr: 'Raccordement au réseau public et poste dédié',
    titleEn: 'Utility service entrance and dedicated substation',
    descriptionFr:
      "Raccordement moyenne tension au distributeur avec poste de transformation dédié au site ; " +
      "l'auditeur relève l'historique des coupures du réseau public pour dimensionner le secours.",
    rating: 1,
  },
  {
    id: 'TIA-ELE-10',
    group: 'ELE',
    titleFr: 'Mise à la terre, parafoudres et paratonnerre',
    titleEn: 'Grounding, surge and lightning protection',
    descriptionFr:
      'Prise de terre mesurée, parafoudres sur les arrivées, protection du bâtiment contre la ' +
      'foudre, indispensable en saison des pluies ; rapports de vérification à jour.',
    rating: 1,
  },
  {
    id: 'TIA-ELE-11',
    group: 'ELE',
    titleFr: "Supervision de la chaîne électrique",
    titleEn: 'Electrical power monitoring',
    descriptionFr:
      'Mesure de la charge par voie et par baie, alarmes onduleurs, groupes et tableaux ' +
      "remontées à la supervision ; l'auditeur vérifie qu'aucune voie ne dépasse la moitié de sa " +
      'capacité, seuil au-delà duquel elle ne pourrait plus reprendre seule la charge.',
    rating: 3,
  },
  {
    id: 'TIA-ELE-12',
    group: 'ELE',
    titleFr: 'Essais périodiques des groupes en charge',
    titleEn: 'Periodic generator load testing',
    descriptionFr:
      'Essais mensuels et essai annuel en charge réelle ou sur banc de charge, avec relevés ' +
      'de démarrage, de tension et de fréquence archivés.',
    rating: 3,
  },
  {
    id: 'TIA-ELE-13',
    group: 'ELE',
    titleFr: 'Approvisionnement et qualité du carburant',
    titleEn: 'Fuel supply and quality',
    descriptionFr:
      "Contrats de livraison prioritaire avec au moins deux fournisseurs, analyses et " +
      'filtration du carburant stocké, cuves et tuyauteries maintenables sans arrêt des groupes.',
    rating: 3,
  },
  {
    id: 'TIA-ELE-14',
    group: 'ELE',
    titleFr: 'Sélectivité des protections',
    titleEn: 'Selective coordination of protective devices',
    descriptionFr:
      "Étude de sélectivité à jour : un défaut en aval ne déclenche que la protection la plus " +
      "proche, sans faire tomber une voie entière.",
    rating: 3,
  },

  // --- Mechanical ----------------------------------------------------------------------------
  {
    id: 'TIA-MEC-01',
    group: 'MEC',
    titleFr: 'Unités de refroidissement en redondance N+1',
    titleEn: 'N+1 cooling units',
    descriptionFr:
      "La salle informatique reste dans sa plage de température avec une unité de " +
      "refroidissement à l'arrêt ; l'auditeur compare la charge thermique à la capacité restante. " +
      'Exigé dès le Rating 2 et conservé au Rating 3.',
    rating: 2,
  },
  {
    id: 'TIA-MEC-02',
    group: 'MEC',
    titleFr: "Deux chemins de distribution d'eau glacée",
    titleEn: 'Redundant chilled-water distribution paths',
    descriptionFr:
      "Boucle ou double réseau d'eau glacée permettant d'isoler un tronçon sans priver une " +
      "unité d'alimentation ; l'auditeur suit le schéma hydraulique.",
    rating: 3,
  },
  {
    id: 'TIA-MEC-03',
    group: 'MEC',
    titleFr: "Vannes d'isolement sur les unités et les tronçons",
    titleEn: 'Isolation valves on units and pipe sections',
    descriptionFr:
      "Chaque unité, pompe et tronçon peut être isolé par des vannes repérées et manœuvrables ; " +
      "l'auditeur vérifie leur repérage et leur dernier essai de manœuvre.",
    rating: 3,
  },
  {
    id: 'TIA-MEC-04',
    group: 'MEC',
    titleFr: 'Production de froid en redondance N+1',
    titleEn: 'N+1 cooling plant',
    descriptionFr:
      "Groupes d'eau glacée ou aéroréfrigérants en nombre suffisant pour couvrir la charge avec " +
      "un équipement à l'arrêt, dimensionnés pour les températures extérieures du site.",
    rating: 2,
  },
  {
    id: 'TIA-MEC-05',
    group: 'MEC',
    titleFr: 'Pompes en redondance N+1',
    titleEn: 'N+1 pumps',
    descriptionFr:
      "Pompes de circulation doublées ou en N+1, avec bascule automatique ; l'auditeur consulte " +
      'les essais de bascule.',
    rating: 3,
  },
  {
    id: 'TIA-MEC-06',
    group: 'MEC',
    titleFr: 'Détection de fuite',
    titleEn: 'Leak detection',
    descriptionFr:
      "Câbles ou sondes de détection sous le faux plancher, autour des unités et le long des " +
      "canalisations, reliés à la supervision ; essai de déclenchement consigné.",
    rating: 3,
  },
  {
    id: 'TIA-MEC-07',
    group: 'MEC',
    titleFr: "Surveillance de l'environnement des salles",
    titleEn: 'Environmental monitoring of IT spaces',
    descriptionFr:
      "Température et humidité mesurées à l'entrée d'air des baies, seuils d'alerte fixés et " +
      "historique conservé ; l'auditeur vérifie la plage tenue sur les derniers mois.",
    rating: 3,
  },
  {
    id: 'TIA-MEC-08',
    group: 'MEC',
    titleFr: "Gestion des flux d'air",
    titleEn: 'Airflow management',
    descriptionFr:
      'Allées chaudes et froides, confinement, obturateurs sur les emplacements vides et ' +
      "passages de câbles calfeutrés pour éviter le recyclage de l'air chaud.",
    rating: 1,
  },
  {
    id: 'TIA-MEC-09',
    group: 'MEC',
    titleFr: 'Refroidissement alimenté par les deux voies électriques',
    titleEn: 'Cooling equipment on redundant power',
    descriptionFr:
      "Unités, pompes et régulation réparties sur des alimentations différentes et secourues " +
      "par les groupes, pour qu'une voie électrique en maintenance n'arrête pas le froid.",
    rating: 3,
  },
  {
    id: 'TIA-MEC-10',
    group: 'MEC',
    titleFr: 'Redémarrage automatique du froid après coupure',
    titleEn: 'Automatic cooling restart after power loss',
    descriptionFr:
      "Après le passage sur groupes, les unités repartent seules dans un délai mesuré ; " +
      "l'auditeur compare ce délai à la montée en température observée lors des essais.",
    rating: 3,
  },
  {
    id: 'TIA-MEC-11',
    group: 'MEC',
    titleFr: 'Régulation sans point unique de défaillance',
    titleEn: 'Controls without a single point of failure',
    descriptionFr:
      "La perte de l'automate ou de la gestion technique du bâtiment laisse les unités en " +
      "fonctionnement sûr ; l'auditeur examine l'architecture de régulation.",
    rating: 3,
  },
  {
    id: 'TIA-MEC-12',
    group: 'MEC',
    titleFr: "Maîtrise de l'humidité et des condensats",
    titleEn: 'Humidity and condensate control',
    descriptionFr:
      "Déshumidification adaptée au climat humide du littoral, évacuation des condensats " +
      'surveillée, sans risque de débordement dans la salle.',
    rating: 2,
  },
  {
    id: 'TIA-MEC-13',
    group: 'MEC',
    titleFr: "Filtration de l'air et des poussières",
    titleEn: 'Air and dust filtration',
    descriptionFr:
      "Air neuf filtré et salles en légère surpression contre les poussières de l'harmattan ; " +
      "l'auditeur vérifie le plan de remplacement des filtres.",
    rating: 2,
  },
  {
    id: 'TIA-MEC-14',
    group: 'MEC',
    titleFr: 'Refroidissement redondant des locaux techniques',
    titleEn: 'Redundant cooling of support spaces',
    descriptionFr:
      'Locaux onduleurs, batteries et télécoms refroidis avec redondance, car leur arrêt ' +
      'thermique ferait tomber la salle informatique.',
    rating: 3,
  },
] as const satisfies readonly ControlData<'tia942-r3'>[];
