//! What a creator may do to other people's money: live vouchers bounded to the stream's showcase, commission only for what the stream showed.
