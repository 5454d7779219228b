static const u8 vfio_from_fsm_table[8][8] = {
	[VFIO_DEVICE_STATE_STOP] {
	},
};
