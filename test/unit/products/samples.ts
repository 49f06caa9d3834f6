// Example settings per catalog product, as a user would write them (the seeds' own examples where they give one).
import type { ProductId, ProductSettingsInput } from "../../../provider/products/settings";

export const SAMPLE_SETTINGS: { [Id in ProductId]: ProductSettingsInput[Id] } = {
  "printport-acos4": { windowsServer: "2008-or-later", printerLanConnectionName: "ローカル エリア接続", controlFilesFolder: "C:\\PrintPortCtl", ntpServer: "192.168.1.1" },
  "esmpro-servermanager": { virtualComputerName: "ESMPRO", dmiAlerts: false, trapForwarding: true },
  deploymentmanager: {},
  "deploymentmanager-hpux": { managementServerName: "dpm_cluster" },
  systemprovisioning: {},
  "systemmonitor-performance": {},
  "esmpro-serveragent": { failoverEnabledEsmproProduct: false },
  "esmpro-servermanager@legacy": { virtualComputerName: "ESMPRO", serverManagerVersion: "4.16", dmiAlerts: false, trapForwarding: false },
  "esmpro-jmss": { virtualComputerName: "VCOM01", jmssVersion: "6.0", setup: "one-way-manual" },
  "esmpro-filetransfer": {},
  "esmpro-deliverymanager": { component: "agent", clusterName: "dmcluster" },
};

export const SAMPLE_SHARED_FOLDER: { [Id in ProductId]: string | undefined } = {
  "printport-acos4": undefined,
  "esmpro-servermanager": "E:\\ESMPRO",
  deploymentmanager: "E:\\DPM",
  "deploymentmanager-hpux": "F:\\dpm_hpux",
  systemprovisioning: "E:\\PVM",
  "systemmonitor-performance": undefined,
  "esmpro-serveragent": undefined,
  "esmpro-servermanager@legacy": "X:\\ESMPRO",
  "esmpro-jmss": "X:\\JMSS",
  "esmpro-filetransfer": undefined,
  "esmpro-deliverymanager": undefined,
};

/** The other branch of every optional member and condition. */
export const SAMPLE_SETTINGS_ALL_OPTIONS: { [Id in ProductId]: ProductSettingsInput[Id] } = {
  "printport-acos4": { windowsServer: "2003", printerLanDeviceId: "PCI\\VEN_8086&DEV_10D3", controlFilesFolder: "C:\\PrintPortCtl", ntpServer: "192.168.1.1" },
  "esmpro-servermanager": {
    virtualComputerName: "ESMPRO",
    dmiAlerts: true,
    trapForwarding: false,
    clusterproEsmCooperation: true,
    clusterproEsmCooperatorServiceName: "clpesmsm",
    expressReportService: true,
    alertManagerMainService: true,
    esmproUserGroups: ["EsmproOps"],
    otherEsmBaseProducts: ["Netvisor"],
  },
  deploymentmanager: { clusterDatabase: true, databaseFolder: "DPMDB", backupImageFolder: "D:\\Images" },
  "deploymentmanager-hpux": { managementServerName: "dpm_cluster" },
  systemprovisioning: { clusterDatabase: false, databaseInstance: "PVMDB" },
  "systemmonitor-performance": { databaseInstance: "PERFDB" },
  "esmpro-serveragent": { failoverEnabledEsmproProduct: true, serverAgentVersion: "3.2", otherProducts: ["ESMPRO/ServerManager"], publicLanIp: "192.168.10.1" },
  "esmpro-servermanager@legacy": {
    virtualComputerName: "ESMPRO",
    serverManagerVersion: "4.20",
    dmiAlerts: true,
    trapForwarding: true,
    expressReportService: true,
    alertManagerMainService: true,
    clusterproManagerOnServer: true,
    smBaseServiceName: "ESMSVNT",
    esmproUserGroups: ["EsmproOps"],
    otherEsmBaseProducts: ["Netvisor"],
  },
  "esmpro-jmss": { virtualComputerName: "VCOM01", jmssVersion: "6.1", setup: "one-way-tool", enterpriseEdition: true, japiOrJmgc: true },
  "esmpro-filetransfer": { fileTransferVersion: "4.0" },
  "esmpro-deliverymanager": { component: "manager", clusterName: "dmcluster", activeServerIp: "195.10.10.1", standbyServerIp: "195.10.10.2", mmdmPath: "C:\\esmprodm\\ESM_DM\\esmMMDM.EXE" },
};
